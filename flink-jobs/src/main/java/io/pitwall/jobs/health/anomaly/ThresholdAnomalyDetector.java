package io.pitwall.jobs.health.anomaly;

import io.pitwall.contracts.alerts.Alert;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the threshold rules over each vehicle's samples, keyed by VIN. One fault episode gives one
 * OPEN alert, at most one ESCALATED alert when it crosses the critical level, and one RESOLVED
 * alert when it ends, all with the same alertId; while one rule's episode is open, other rules of
 * the same alert kind do not open their own. State exists only for rules in an episode.
 */
public final class ThresholdAnomalyDetector extends KeyedProcessFunction<String, VehicleInput, Alert> {

    private final List<ThresholdRule> rules;
    private transient MapState<String, Episode> episodes;

    public ThresholdAnomalyDetector(List<ThresholdRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public void open(OpenContext openContext) {
        episodes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("threshold-episodes", Types.STRING, Types.POJO(Episode.class)));
    }

    @Override
    public void processElement(VehicleInput sample, Context ctx, Collector<Alert> out) throws Exception {
        if (!sample.isSample()) {
            return;
        }
        for (ThresholdRule rule : rules) {
            Reading reading = rule.source().read(sample);
            if (reading != null && Double.isFinite(reading.value())) {
                apply(rule, reading, sample, out);
            }
        }
    }

    private void apply(ThresholdRule rule, Reading reading, VehicleInput sample, Collector<Alert> out) throws Exception {
        double v = reading.value();
        Episode episode = episodes.get(rule.id());
        if (episode == null) {
            if (rule.beyondWarn(v) && rule.condition().holds(sample)) {
                Episode pending = new Episode();
                pending.phase = Episode.PENDING;
                pending.start = sample.ts;
                pending.worst = v;
                episodes.put(rule.id(), pending);
                openIfDue(rule, pending, reading, sample, out);
            }
            return;
        }
        if (episode.phase == Episode.PENDING) {
            if (!rule.beyondWarn(v) || !rule.condition().holds(sample)) {
                episodes.remove(rule.id());
                return;
            }
            episode.worst = rule.worse(episode.worst, v);
            openIfDue(rule, episode, reading, sample, out);
            return;
        }
        trackActive(rule, episode, reading, sample, out);
    }

    private void openIfDue(ThresholdRule rule, Episode episode, Reading reading, VehicleInput sample,
                           Collector<Alert> out) throws Exception {
        if (sample.ts - episode.start < rule.minDurationMillis()) {
            episodes.put(rule.id(), episode);
            return;
        }
        if (anotherRuleOfTheKindIsActive(rule)) {
            // Same fault seen by a second rule (a leaking tyre is both "below the others" and,
            // later, "below 180 kPa"): one fault, one alert.
            episodes.remove(rule.id());
            return;
        }
        episode.phase = Episode.ACTIVE;
        episode.severity = rule.beyondCritical(reading.value()) ? Severity.CRITICAL : Severity.WARNING;
        episodes.put(rule.id(), episode);
        out.collect(alert(rule, episode, AlertState.OPEN, reading, sample));
    }

    private boolean anotherRuleOfTheKindIsActive(ThresholdRule rule) throws Exception {
        for (ThresholdRule other : rules) {
            if (other != rule && other.kind() == rule.kind()) {
                Episode episode = episodes.get(other.id());
                if (episode != null && episode.phase == Episode.ACTIVE) {
                    return true;
                }
            }
        }
        return false;
    }

    private void trackActive(ThresholdRule rule, Episode episode, Reading reading, VehicleInput sample,
                             Collector<Alert> out) throws Exception {
        double v = reading.value();
        episode.worst = rule.worse(episode.worst, v);
        if (episode.severity == Severity.WARNING && rule.beyondCritical(v)) {
            episode.severity = Severity.CRITICAL;
            episode.recoveringSince = -1;
            episodes.put(rule.id(), episode);
            out.collect(alert(rule, episode, AlertState.ESCALATED, reading, sample));
            return;
        }
        if (!rule.recovered(v)) {
            if (episode.recoveringSince != -1) {
                episode.recoveringSince = -1;
                episodes.put(rule.id(), episode);
            }
            return;
        }
        if (episode.recoveringSince == -1) {
            episode.recoveringSince = sample.ts;
            episodes.put(rule.id(), episode);
        }
        if (sample.ts - episode.recoveringSince >= rule.clearDurationMillis()) {
            episodes.remove(rule.id());
            out.collect(alert(rule, episode, AlertState.RESOLVED, reading, sample));
        }
    }

    private static Alert alert(ThresholdRule rule, Episode episode, AlertState state, Reading reading,
                               VehicleInput sample) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rule", rule.id());
        evidence.put("signal", reading.signal());
        evidence.put("value", reading.value());
        evidence.put("worstValue", episode.worst);
        evidence.put("warnThreshold", rule.warnLevel());
        evidence.put("criticalThreshold", rule.criticalLevel());
        evidence.put("clearThreshold", rule.clearLevel());
        evidence.put("minDurationSeconds", rule.minDurationMillis() / 1000.0);
        evidence.put("episodeStart", episode.start);
        String recommendation = state == AlertState.RESOLVED
                ? "Back to normal: " + reading.signal() + " is " + reading.value() + "."
                : rule.recommendation();
        return Alerts.of(sample.vin, rule.kind(), episode.start, episode.severity, state, sample.ts, evidence,
                recommendation);
    }
}
