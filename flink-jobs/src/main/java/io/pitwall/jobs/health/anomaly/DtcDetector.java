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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns diagnostic trouble codes into alerts, keyed by VIN: a code the car had not reported as
 * active gives one DTC_NEW alert; repeats of an active code give nothing; DTC_CLEARED resolves it.
 * Codes that mean the engine is being damaged right now are CRITICAL.
 */
public final class DtcDetector extends KeyedProcessFunction<String, VehicleInput, Alert> {

    /**
     * Overheating, oil pressure, misfire that damages the catalyst, and brake-system codes: the
     * driver should stop, not book a visit next month.
     */
    public static final Set<String> DEFAULT_CRITICAL_CODES = Set.of(
            "P0217", "P0218", "P0520", "P0521", "P0522", "P0523", "P0524", "P0300", "C0035", "C0040", "C0045",
            "C0050", "C0110", "C0265");

    private final Set<String> criticalCodes;
    private transient MapState<String, Long> activeSince;

    public DtcDetector(Set<String> criticalCodes) {
        this.criticalCodes = Set.copyOf(criticalCodes);
    }

    @Override
    public void open(OpenContext openContext) {
        activeSince = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("active-dtcs", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement(VehicleInput input, Context ctx, Collector<Alert> out) throws Exception {
        if (input.code == null) {
            return;
        }
        if (input.isEvent("DTC_SET") && !activeSince.contains(input.code)) {
            activeSince.put(input.code, input.ts);
            Severity severity = criticalCodes.contains(input.code) ? Severity.CRITICAL : Severity.WARNING;
            out.collect(Alerts.of(input.vin, AlertKind.DTC_NEW, episodeStart(input.code, input.ts), severity,
                    AlertState.OPEN, input.ts, evidence(input.code, input.ts), "Diagnostic trouble code "
                            + input.code + " was set; book a diagnosis."));
        } else if (input.isEvent("DTC_CLEARED") && activeSince.contains(input.code)) {
            long since = activeSince.get(input.code);
            activeSince.remove(input.code);
            Severity severity = criticalCodes.contains(input.code) ? Severity.CRITICAL : Severity.WARNING;
            out.collect(Alerts.of(input.vin, AlertKind.DTC_NEW, episodeStart(input.code, since), severity,
                    AlertState.RESOLVED, input.ts, evidence(input.code, since), "Code " + input.code + " cleared."));
        }
    }

    /**
     * Several codes are often set in the same instant, so the episode key that makes the alert id
     * combines the activation time with the code itself: a code is one of four letters and four
     * hex digits (18 bits), which fit beside any epoch-millisecond time (41 bits) without loss.
     * Codes outside that form (the contract validates them) fall back to a hash.
     */
    static long episodeStart(String code, long since) {
        int letter = "PCBU".indexOf(code.charAt(0));
        long codeBits;
        if (code.length() == 5 && letter >= 0 && code.substring(1).matches("[0-9A-F]{4}")) {
            codeBits = ((long) letter << 16) | Integer.parseInt(code.substring(1), 16);
        } else {
            codeBits = code.hashCode() & 0x3FFFFL;
        }
        return (since << 18) | codeBits;
    }

    private static Map<String, Object> evidence(String code, long since) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("code", code);
        evidence.put("activeSince", since);
        return evidence;
    }
}
