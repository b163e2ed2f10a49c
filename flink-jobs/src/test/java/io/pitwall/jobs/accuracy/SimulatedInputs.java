package io.pitwall.jobs.accuracy;

import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.jobs.input.RawRecordDeserializer;
import io.pitwall.jobs.input.VehicleInput;
import io.pitwall.simulators.scenario.VehicleMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Turns a simulated fleet's MQTT messages into the job's inputs exactly as gateway and
 * deserializer would (decoded by the contract's decoders into the gateway's record, received when
 * the device sent them), so a scenario can be run through the topology without sockets.
 */
final class SimulatedInputs {

    private SimulatedInputs() {
    }

    static List<VehicleInput> of(List<VehicleMessage> messages) {
        List<VehicleInput> inputs = new ArrayList<>();
        messages.forEach(m -> decode(m, inputs::add));
        return inputs;
    }

    /** The same, decoded as they are read: for runs too long to hold in memory. */
    static Iterator<VehicleInput> stream(Iterator<VehicleMessage> messages) {
        return new Iterator<>() {
            private final ArrayDeque<VehicleInput> pending = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (pending.isEmpty() && messages.hasNext()) {
                    decode(messages.next(), pending::add);
                }
                return !pending.isEmpty();
            }

            @Override
            public VehicleInput next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.poll();
            }
        };
    }

    private static void decode(VehicleMessage m, Consumer<VehicleInput> out) {
        RawRecord raw = switch (m.kind()) {
            case TELEMETRY -> RawRecord.telemetry(m.telemetry(), m.vin(), "sim", m.emittedAt(), m.qos());
            case EVENT -> RawRecord.event(m.event(), m.vin(), "sim", m.emittedAt(), m.qos());
            // Online/offline carries nothing the detectors use.
            case STATUS -> null;
        };
        if (raw != null) {
            RawRecordDeserializer.emit(raw, out);
        }
    }
}
