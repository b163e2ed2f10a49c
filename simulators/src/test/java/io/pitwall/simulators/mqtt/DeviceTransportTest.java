package io.pitwall.simulators.mqtt;

import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.contracts.telemetry.TelemetryDecoder;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import io.pitwall.simulators.scenario.FleetScenario;
import io.pitwall.simulators.scenario.VehicleMessage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceTransportTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final DeviceTransport V3_CBOR = new DeviceTransport(MqttProtocol.V3_1_1, PayloadFormat.CBOR, null);
    private static final DeviceTransport V5_CBOR = new DeviceTransport(MqttProtocol.V5, PayloadFormat.CBOR, null);
    private static final DeviceTransport V5_JSON = new DeviceTransport(MqttProtocol.V5, PayloadFormat.JSON, null);

    private static List<VehicleMessage> messages() {
        return FleetScenario.builder().seed(9).vehicles(2).start(START).duration(Duration.ofHours(12)).build().run().messages();
    }

    /** What the gateway does with a PUBLISH: the contract's own rules pick the format, its decoder reads it. */
    private static TelemetryMessage asTheGatewayReadsIt(Publication p, String vin) {
        PayloadFormat format = VehicleTopic.parse(p.topic()).payloadFormat(p.contentType());
        return new TelemetryDecoder(ContractLimits.defaults(), Clock.fixed(START.plus(Duration.ofDays(1)), ZoneOffset.UTC))
                .decode(vin, p.payload(), format);
    }

    @Test
    void mqttVersionsAreWrittenAsPeopleWriteThem() {
        assertThat(MqttProtocol.parse("3")).isEqualTo(MqttProtocol.V3_1_1);
        assertThat(MqttProtocol.parse("3.1.1")).isEqualTo(MqttProtocol.V3_1_1);
        assertThat(MqttProtocol.parse("5")).isEqualTo(MqttProtocol.V5);
        assertThat(MqttProtocol.parse("v5.0")).isEqualTo(MqttProtocol.V5);
        assertThatThrownBy(() -> MqttProtocol.parse("4")).hasMessageContaining("--mqtt-version is 3").hasMessageContaining("'4'");
    }

    @Test
    void cborTelemetryInMqtt311GoesToTheCborTopicWithoutContentType() {
        VehicleMessage m = messages().stream().filter(x -> x.kind() == VehicleMessage.Kind.TELEMETRY).findFirst().orElseThrow();
        Publication p = V3_CBOR.publication(m);
        assertThat(p.topic()).isEqualTo("v1/vehicles/" + m.vin() + "/telemetry/cbor");
        assertThat(p.contentType()).isNull();
        assertThat(p.payload()[0] & 0xE0).as("a CBOR map, not '{'").isEqualTo(0xA0);
        assertThat(asTheGatewayReadsIt(p, m.vin())).isEqualTo(m.telemetry());
    }

    @Test
    void cborTelemetryInMqtt5KeepsItsTopicAndSaysApplicationCbor() {
        for (VehicleMessage m : messages()) {
            Publication p = V5_CBOR.publication(m);
            if (m.kind() == VehicleMessage.Kind.TELEMETRY) {
                assertThat(p.topic()).isEqualTo(m.topic());
                assertThat(p.contentType()).isEqualTo("application/cbor");
                assertThat(asTheGatewayReadsIt(p, m.vin())).as(m.toString()).isEqualTo(m.telemetry());
            } else {
                // The contract offers CBOR for telemetry only: events and status stay JSON, and say so.
                assertThat(p.payload()).isEqualTo(m.payload());
                assertThat(p.contentType()).isEqualTo("application/json");
            }
            assertThat(p.qos()).isEqualTo(m.qos());
            assertThat(p.retained()).isEqualTo(m.retained());
        }
    }

    @Test
    void jsonIsSentAsItWasGenerated() {
        VehicleMessage m = messages().get(0);
        assertThat(DeviceTransport.DEFAULT.publication(m).payload()).isEqualTo(m.payload());
        assertThat(DeviceTransport.DEFAULT.publication(m).contentType()).isNull();
        assertThat(V5_JSON.publication(m).contentType()).isEqualTo("application/json");
    }

    @Test
    void onlyTheTelemetryTopicGetsTheCborSuffix() {
        assertThat(V3_CBOR.telemetryTopic("bench/7")).isEqualTo("bench/7");
        assertThat(V5_CBOR.telemetryTopic("v1/vehicles/X/telemetry")).isEqualTo("v1/vehicles/X/telemetry");
        assertThat(DeviceTransport.DEFAULT.telemetryTopic("v1/vehicles/X/telemetry")).isEqualTo("v1/vehicles/X/telemetry");
    }

    @Test
    void tlsDialsAPlainAddressWithTls() {
        DeviceTransport tls = DeviceTransport.DEFAULT.withTls(TlsSettings.jdkDefaults());
        assertThat(tls.brokerUri("tcp://127.0.0.1:8883")).isEqualTo("ssl://127.0.0.1:8883");
        assertThat(tls.brokerUri("ssl://gw:8883")).isEqualTo("ssl://gw:8883");
        assertThat(DeviceTransport.DEFAULT.brokerUri("tcp://127.0.0.1:1883")).isEqualTo("tcp://127.0.0.1:1883");
        assertThatThrownBy(() -> new TlsSettings(java.nio.file.Path.of("ca.pem"), java.nio.file.Path.of("trust.p12"), null, null, null))
                .hasMessageContaining("not both");
    }
}
