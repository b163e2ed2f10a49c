package io.pitwall.jobs.health.anomaly;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.jobs.health.Alerts;
import io.pitwall.jobs.input.VehicleInput;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares each car with itself, keyed by VIN: per {@link BaselineSignal} it learns the car's
 * normal level (EWMA mean and variance) while the signal is in its regime, and raises
 * SIGNAL_ANOMALY when the signal stays more than {@code zOpen} deviations away for
 * {@code minDurationMillis}. It resolves after the signal has been within {@code zClear} for as
 * long. While deviating the baseline stops learning, so a slowly developing fault is not absorbed
 * into "normal". Until a baseline has seen its warm-up it says nothing.
 */
public final class BaselineAnomalyDetector extends KeyedProcessFunction<String, VehicleInput, Alert> {

    /** Thresholds shared by every baseline. */
    public record Settings(List<BaselineSignal> signals, double zOpen, double zClear, long minDurationMillis)
            implements Serializable {
        public static Settings defaults() {
            return new Settings(BaselineSignal.defaults(), 6, 3, 120_000);
        }
    }

    private final Settings settings;
    private transient MapState<String, Baseline> baselines;

    public BaselineAnomalyDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        baselines = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("baselines", Types.STRING, Types.POJO(Baseline.class)));
    }

    @Override
    public void processElement(VehicleInput sample, Context ctx, Collector<Alert> out) throws Exception {
        if (!sample.isSample()) {
            return;
        }
        for (BaselineSignal signal : settings.signals()) {
            Double value = sample.signal(signal.path());
            if (value != null && Double.isFinite(value) && signal.regime().holds(sample)) {
                Baseline baseline = baselines.get(signal.name());
                if (baseline == null) {
                    baseline = new Baseline();
                }
                observe(signal, baseline, value, sample, out);
                baselines.put(signal.name(), baseline);
            }
        }
    }

    private void observe(BaselineSignal signal, Baseline b, double value, VehicleInput sample, Collector<Alert> out) {
        if (b.count < signal.warmup()) {
            b.learn(value, signal.alpha());
            return;
        }
        double z = b.z(value, signal.minStd());
        boolean deviating = Math.abs(z) > settings.zOpen();
        if (b.episodeStart == -1) {
            if (!deviating) {
                b.deviatingSince = -1;
                b.learn(value, signal.alpha());
                return;
            }
            if (b.deviatingSince == -1) {
                b.deviatingSince = sample.ts;
                b.worstZ = z;
            }
            b.worstZ = Math.abs(z) > Math.abs(b.worstZ) ? z : b.worstZ;
            if (sample.ts - b.deviatingSince >= settings.minDurationMillis()) {
                b.episodeStart = b.deviatingSince;
                b.normalSince = -1;
                out.collect(alert(signal, b, value, z, sample, AlertState.OPEN));
            }
            return;
        }
        b.worstZ = Math.abs(z) > Math.abs(b.worstZ) ? z : b.worstZ;
        if (Math.abs(z) > settings.zClear()) {
            b.normalSince = -1;
            return;
        }
        if (b.normalSince == -1) {
            b.normalSince = sample.ts;
        }
        if (sample.ts - b.normalSince >= settings.minDurationMillis()) {
            out.collect(alert(signal, b, value, z, sample, AlertState.RESOLVED));
            b.episodeStart = -1;
            b.deviatingSince = -1;
            b.normalSince = -1;
        }
    }

    private Alert alert(BaselineSignal signal, Baseline b, double value, double z, VehicleInput sample,
                        AlertState state) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("baseline", signal.name());
        evidence.put("signal", signal.path());
        evidence.put("value", value);
        evidence.put("baselineMean", Math.round(b.mean * 100) / 100.0);
        evidence.put("baselineStd", Math.round(Math.max(Math.sqrt(b.variance), signal.minStd()) * 1000) / 1000.0);
        evidence.put("zScore", Math.round(z * 10) / 10.0);
        evidence.put("worstZScore", Math.round(b.worstZ * 10) / 10.0);
        evidence.put("zThreshold", settings.zOpen());
        String recommendation = state == AlertState.RESOLVED
                ? signal.path() + " is back within this car's normal range."
                : signal.path() + " has stayed far from this car's normal level (" + Math.round(b.mean * 10) / 10.0
                + "); book a diagnosis.";
        return Alerts.of(sample.vin, AlertKind.SIGNAL_ANOMALY, b.episodeStart, Severity.WARNING, state, sample.ts,
                evidence, recommendation);
    }
}
