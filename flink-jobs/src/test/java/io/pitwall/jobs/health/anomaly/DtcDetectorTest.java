package io.pitwall.jobs.health.anomaly;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.jobs.input.VehicleInput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.pitwall.jobs.TestInputs.event;
import static org.assertj.core.api.Assertions.assertThat;

class DtcDetectorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, VehicleInput, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new DtcDetector(DtcDetector.DEFAULT_CRITICAL_CODES), VehicleInput::getVin, Types.STRING);
    }

    private void send(VehicleInput input) throws Exception {
        harness.processElement(input, input.ts);
    }

    @Test
    void aNewCodeAlertsOnceAndClearingResolvesIt() throws Exception {
        send(event(1, 1, "DTC_SET", "P0420", null));
        send(event(2, 60, "DTC_SET", "P0420", null));
        send(event(3, 120, "DTC_CLEARED", "P0420", null));
        assertThat(harness.extractOutputValues()).extracting(Alert::state)
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(harness.extractOutputValues()).allSatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.DTC_NEW);
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.evidence()).containsEntry("code", "P0420");
        });
        assertThat(harness.extractOutputValues()).extracting(Alert::alertId).as("one episode, one id")
                .containsOnly(harness.extractOutputValues().get(0).alertId());
    }

    @Test
    void overheatCodeIsCriticalAndCodesSetTogetherGetTheirOwnIds() throws Exception {
        send(event(1, 1, "DTC_SET", "P0217", null));
        send(event(2, 1, "DTC_SET", "P0128", null));
        assertThat(harness.extractOutputValues()).extracting(Alert::severity)
                .containsExactly(Severity.CRITICAL, Severity.WARNING);
        assertThat(harness.extractOutputValues()).extracting(Alert::alertId).doesNotHaveDuplicates();
    }

    @Test
    void clearingAnUnknownCodeSaysNothingAndStateEmptiesWhenAllCleared() throws Exception {
        send(event(1, 1, "DTC_CLEARED", "P0300", null));
        assertThat(harness.extractOutputValues()).isEmpty();
        send(event(2, 2, "DTC_SET", "P0300", null));
        send(event(3, 3, "DTC_CLEARED", "P0300", null));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void episodeKeysOfDifferentCodesAtTheSameInstantDiffer() {
        assertThat(DtcDetector.episodeStart("P0217", 1_763_942_400_000L))
                .isNotEqualTo(DtcDetector.episodeStart("P0218", 1_763_942_400_000L))
                .isNotEqualTo(DtcDetector.episodeStart("C0217", 1_763_942_400_000L));
    }
}
