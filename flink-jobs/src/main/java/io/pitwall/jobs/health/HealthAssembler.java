package io.pitwall.jobs.health;

import io.pitwall.contracts.health.HealthPrediction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each vehicle's latest prediction whole, keyed by VIN: every estimator reports only its own
 * part, and consumers of {@code vehicle.health} want the latest estimate of every part in one
 * record. The estimators already throttle themselves, so every update is passed on.
 */
public final class HealthAssembler extends KeyedProcessFunction<String, HealthPrediction, HealthPrediction> {

    private transient ValueState<HealthPrediction> latest;

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(
                new ValueStateDescriptor<>("latest-health", TypeInformation.of(HealthPrediction.class)));
    }

    @Override
    public void processElement(HealthPrediction part, Context ctx, Collector<HealthPrediction> out) throws Exception {
        HealthPrediction merged = merge(latest.value(), part);
        latest.update(merged);
        out.collect(merged);
    }

    static HealthPrediction merge(HealthPrediction previous, HealthPrediction part) {
        if (previous == null) {
            return part;
        }
        return new HealthPrediction(HealthPrediction.SCHEMA_VERSION, part.vin(), Math.max(previous.asOf(), part.asOf()),
                part.odometerKm() != null ? part.odometerKm() : previous.odometerKm(),
                part.brakePads() != null ? part.brakePads() : previous.brakePads(),
                part.lowVoltageBattery() != null ? part.lowVoltageBattery() : previous.lowVoltageBattery(),
                part.tractionBattery() != null ? part.tractionBattery() : previous.tractionBattery());
    }
}
