package io.pitwall.jobs.accuracy;

import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import io.pitwall.jobs.input.VehicleInput;
import io.pitwall.simulators.scenario.VehicleMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a simulated fleet's MQTT messages into the job's inputs exactly as gateway and
 * deserializer would (decoded by the contract's decoders, received when the device sent them),
 * so a scenario can be run through the topology without sockets.
 */
final class SimulatedInputs {

    private SimulatedInputs() {
    }

    static List<VehicleInput> of(List<VehicleMessage> messages) {
        List<VehicleInput> inputs = new ArrayList<>();
        for (VehicleMessage m : messages) {
            switch (m.kind()) {
                case TELEMETRY -> {
                    TelemetryMessage t = m.telemetry();
                    for (Sample s : t.samples()) {
                        inputs.add(VehicleInput.sample(m.vin(), s.seq(), s.ts(), m.emittedAt(), "sim", s.signals()));
                    }
                }
                case EVENT -> {
                    VehicleEvent e = m.event();
                    List<String> items = null;
                    if (e.detail() != null && e.detail().path("items").isArray()) {
                        items = new ArrayList<>();
                        for (var item : e.detail().get("items")) {
                            items.add(item.asText());
                        }
                    }
                    inputs.add(VehicleInput.event(m.vin(), e.seq(), e.ts(), m.emittedAt(), e.type().name(), e.code(),
                            items));
                }
                case STATUS -> {
                    // Online/offline carries nothing the detectors use.
                }
            }
        }
        return inputs;
    }
}
