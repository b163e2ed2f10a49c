package io.pitwall.simulators.load;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryMessage;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Valid single-sample telemetry for one load connection: the same signals every time, a fresh
 * {@code seq} and {@code ts} per publish. JSON is built by hand because it is the hot path of
 * a benchmark; CBOR goes through the contract's own serializer, so it is exactly what a CBOR
 * dongle sends.
 */
final class LoadTelemetry {

    private static final String[] SIGNALS = {"Vehicle.Speed", "Vehicle.Powertrain.CombustionEngine.Speed",
        "Vehicle.Powertrain.CombustionEngine.ECT", "Vehicle.OBD.EngineLoad", "Vehicle.OBD.ThrottlePosition",
        "Vehicle.LowVoltageBattery.CurrentVoltage", "Vehicle.OBD.FuelLevel", "Vehicle.TraveledDistance",
        "Vehicle.Acceleration.Longitudinal", "Vehicle.Exterior.AirTemperature"};

    private final String vin;
    private final PayloadFormat format;
    private final Map<String, Double> signals;
    private final String signalsJson;

    LoadTelemetry(String vin, int vehicleIndex, int signalCount, PayloadFormat format) {
        this.vin = vin;
        this.format = format;
        Map<String, Double> values = new LinkedHashMap<>();
        StringBuilder json = new StringBuilder();
        for (int k = 0; k < signalCount; k++) {
            String path = k < SIGNALS.length ? SIGNALS[k] : "Vehicle.Custom.Load" + k;
            double value = 10 + (vehicleIndex + k) % 90 + 0.5;
            values.put(path, value);
            json.append(k == 0 ? "" : ",").append('"').append(path).append("\":").append(value);
        }
        this.signals = Collections.unmodifiableMap(values);
        this.signalsJson = json.toString();
    }

    byte[] encode(long seq, long ts) {
        if (format == PayloadFormat.CBOR) {
            return Json.writeCbor(TelemetryMessage.single(vin, new Sample(seq, ts, signals)));
        }
        return ("{\"vin\":\"" + vin + "\",\"seq\":" + seq + ",\"ts\":" + ts + ",\"signals\":{" + signalsJson + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
