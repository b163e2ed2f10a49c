package io.pitwall.jobs.stream;

import io.pitwall.jobs.input.VehicleInput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.pitwall.jobs.TestInputs.event;
import static io.pitwall.jobs.TestInputs.sample;
import static org.assertj.core.api.Assertions.assertThat;

class DedupAndOrderTest {

    private KeyedOneInputStreamOperatorTestHarness<String, VehicleInput, VehicleInput> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new DedupAndOrder(Duration.ofMinutes(10), Duration.ofDays(1)), VehicleInput::getVin, Types.STRING);
    }

    private void send(VehicleInput input) throws Exception {
        harness.processElement(input, input.ts);
    }

    private List<VehicleInput> late() {
        var side = harness.getSideOutput(DedupAndOrder.LATE);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void dropsResentSamplesAndEvents() throws Exception {
        send(sample(1, 1, "Vehicle.Speed", 10));
        send(sample(2, 2, "Vehicle.Speed", 11));
        send(sample(1, 1, "Vehicle.Speed", 10));
        send(event(3, 3, "IGNITION_OFF", null, null));
        send(event(3, 3, "IGNITION_OFF", null, null));
        assertThat(harness.extractOutputValues()).extracting(i -> i.seq).containsExactly(1L, 2L, 3L);
        assertThat(late()).isEmpty();
    }

    @Test
    void routesASampleOlderThanOneAlreadyAnalysedToTheLateOutput() throws Exception {
        send(sample(1, 1, "Vehicle.Speed", 10));
        send(sample(3, 3, "Vehicle.Speed", 12));
        send(sample(2, 2, "Vehicle.Speed", 11));
        assertThat(harness.extractOutputValues()).extracting(i -> i.seq).containsExactly(1L, 3L);
        assertThat(late()).extracting(i -> i.seq).containsExactly(2L);
    }

    @Test
    void passesALateEventBecauseItStillMatters() throws Exception {
        send(sample(5, 10, "Vehicle.Speed", 10));
        send(event(4, 5, "SERVICE_DONE", null, List.of("BRAKE_PADS_FRONT")));
        assertThat(harness.extractOutputValues()).extracting(i -> i.seq).containsExactly(5L, 4L);
    }

    @Test
    void routesASampleFurtherBehindTheWatermarkThanAllowedToTheLateOutput() throws Exception {
        harness.processWatermark(sample(0, 3600, "x", 0).ts);
        send(sample(1, 3600 - 11 * 60, "Vehicle.Speed", 10));
        send(sample(2, 3600 - 9 * 60, "Vehicle.Speed", 10));
        assertThat(harness.extractOutputValues()).extracting(i -> i.seq).containsExactly(2L);
        assertThat(late()).extracting(i -> i.seq).containsExactly(1L);
    }

    @Test
    void keepsOneBoundedStateEntryPerVehicle() throws Exception {
        for (int i = 1; i <= 10_000; i++) {
            send(sample(i, i, "Vehicle.Speed", 10));
        }
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void forgetsASilentVehicleAfterTheRetention() throws Exception {
        send(sample(1, 1, "Vehicle.Speed", 10));
        harness.setStateTtlProcessingTime(Duration.ofDays(2).toMillis());
        send(sample(1, 1, "Vehicle.Speed", 10));
        assertThat(harness.extractOutputValues()).as("state expired, so the resend counts as new")
                .extracting(i -> i.seq).containsExactly(1L, 1L);
    }
}
