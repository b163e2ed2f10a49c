package io.pitwall.jobs.stream;

import io.pitwall.jobs.input.VehicleInput;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * The gate in front of every detector, keyed by VIN. It drops resends (same vin and seq, normal
 * after a reconnect) and passes each vehicle's samples on in time order without waiting: a sample
 * older than one already analysed for that car, or further behind the watermark than the allowed
 * lateness, goes to {@link #LATE} and is counted. (Every sample is stored in ClickHouse before
 * this gate, late or not.) Events pass whatever their time, once, because a late SERVICE_DONE
 * still matters.
 *
 * <p>Analysing on arrival rather than buffering until the watermark keeps alert latency in
 * milliseconds; the price is that a sample overtaken by a newer one is not analysed.
 */
public final class DedupAndOrder extends KeyedProcessFunction<String, VehicleInput, VehicleInput> {

    /** Samples too late to analyse. */
    public static final OutputTag<VehicleInput> LATE = new OutputTag<>("late-samples") { };

    private final Duration allowedLateness;
    private final Duration stateRetention;

    private transient ValueState<VehicleStreamState> state;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter beyondWindow;

    /**
     * @param allowedLateness how far behind the watermark a sample may be and still be analysed
     * @param stateRetention  how long a silent vehicle's dedup state is kept
     */
    public DedupAndOrder(Duration allowedLateness, Duration stateRetention) {
        this.allowedLateness = allowedLateness;
        this.stateRetention = stateRetention;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<VehicleStreamState> descriptor =
                new ValueStateDescriptor<>("vehicle-stream", VehicleStreamState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateRetention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        state = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateInputs");
        late = getRuntimeContext().getMetricGroup().counter("lateSamples");
        beyondWindow = getRuntimeContext().getMetricGroup().counter("inputsBeyondDedupWindow");
    }

    @Override
    public void processElement(VehicleInput input, Context ctx, Collector<VehicleInput> out) throws Exception {
        VehicleStreamState current = state.value();
        if (current == null) {
            current = new VehicleStreamState();
            current.seen = SeqWindow.startingAt(input.seq);
        } else {
            SeqWindow.Verdict verdict = current.seen.record(input.seq);
            if (verdict == SeqWindow.Verdict.DUPLICATE) {
                duplicates.inc();
                return;
            }
            if (verdict == SeqWindow.Verdict.BEYOND_WINDOW) {
                // Too old to tell; such an old sample is late for analysis anyway (below).
                beyondWindow.inc();
            }
        }
        if (input.isSample() && isLate(input, current, ctx.timerService().currentWatermark())) {
            late.inc();
            state.update(current);
            ctx.output(LATE, input);
            return;
        }
        if (input.isSample()) {
            current.newestSampleTs = input.ts;
        }
        state.update(current);
        out.collect(input);
    }

    private boolean isLate(VehicleInput sample, VehicleStreamState current, long watermark) {
        boolean behindThisCar = sample.ts < current.newestSampleTs;
        boolean behindWatermark = watermark != Long.MIN_VALUE && sample.ts < watermark - allowedLateness.toMillis();
        return behindThisCar || behindWatermark;
    }
}
