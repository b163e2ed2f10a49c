package io.pitwall.simulators.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadOptionsTest {

    private static LoadOptions options(int connections, List<String> sources, String topic) {
        return new LoadOptions("127.0.0.1", 1883, connections, 0, sources, 0, 1, 100, Duration.ofSeconds(10), 0, 1,
                topic, "{vin}", "{vin}", null, 10, 60, Duration.ofSeconds(60));
    }

    @Test
    void moreConnectionsThanOneAddressHasPortsNeedSeveralSourceAddresses() {
        assertThatThrownBy(() -> options(50_000, List.of(), "v1/vehicles/{vin}/telemetry"))
                .hasMessageContaining("at least 2 source addresses");
        assertThat(options(50_000, List.of("127.0.0.1", "127.0.0.2"), "v1/vehicles/{vin}/telemetry").connections()).isEqualTo(50_000);
    }

    @Test
    void aLaterProcessTakesTheVehiclesAfterItsFirstVehicle() {
        LoadOptions first = options(10, List.of(), "v1/vehicles/{vin}/telemetry");
        LoadOptions second = first.withFirstVehicle(14_000);
        assertThat(first.firstVehicle()).isZero();
        assertThat(first.transport()).isEqualTo(io.pitwall.simulators.mqtt.DeviceTransport.DEFAULT);
        assertThat(second.vin(0)).isEqualTo(io.pitwall.simulators.fleet.VinFactory.vin(1, 14_000)).isNotEqualTo(first.vin(0));
        assertThat(second.vehicleIndex(3)).isEqualTo(14_003);
        assertThatThrownBy(() -> first.withFirstVehicle(-1)).hasMessageContaining("--first-vehicle");
    }

    @Test
    void topicTemplateGivesEachConnectionItsOwnTopic() {
        assertThatThrownBy(() -> options(1, List.of(), "bench/all")).hasMessageContaining("{vin}");
        assertThat(LoadOptions.expand("bench/{i}/{vin}", "LSV1", 7)).isEqualTo("bench/7/LSV1");
    }
}
