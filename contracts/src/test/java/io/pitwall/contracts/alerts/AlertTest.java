package io.pitwall.contracts.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertTest {

    private static final String VIN = "LSVAU2180N2183294";

    @Test
    void alertIdIsTheSameOnEveryReplay() {
        assertThat(Alert.alertId(VIN, AlertKind.COOLANT_OVERHEAT, 1763942400123L))
                .isEqualTo(Alert.alertId(VIN, AlertKind.COOLANT_OVERHEAT, 1763942400123L))
                // Pinned: a change here would split every stored alert episode from its replay.
                .isEqualTo("40e58e7f-7eb0-537a-8c54-fd05121b8a35");
    }

    @Test
    void alertIdDiffersWhenVehicleKindOrEpisodeDiffers() {
        String id = Alert.alertId(VIN, AlertKind.COOLANT_OVERHEAT, 1000L);
        assertThat(Alert.alertId("WVWZZZ1JZXW000001", AlertKind.COOLANT_OVERHEAT, 1000L)).isNotEqualTo(id);
        assertThat(Alert.alertId(VIN, AlertKind.LOW_OIL_PRESSURE, 1000L)).isNotEqualTo(id);
        assertThat(Alert.alertId(VIN, AlertKind.COOLANT_OVERHEAT, 1001L)).isNotEqualTo(id);
    }

    @Test
    void alertIdIsANameBasedUuid() {
        UUID id = UUID.fromString(Alert.alertId(VIN, AlertKind.DTC_NEW, 0L));
        assertThat(id.version()).isEqualTo(5);
    }
}
