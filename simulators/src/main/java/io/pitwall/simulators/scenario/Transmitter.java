package io.pitwall.simulators.scenario;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A device's radio: turns samples and events into MQTT messages, and makes the mess real devices
 * make (on purpose, from the seed): buffering through coverage gaps and sending a batch after,
 * holding samples back (late), swapping neighbours (out of order), sending twice (resends), and
 * reconnecting.
 */
final class Transmitter {

    /** Well under the gateway's default 256 KiB payload limit. */
    static final int MAX_BATCH_BYTES = 200_000;

    private record Held(Sample sample, int qos, long releaseAt) {
    }

    private final int index;
    private final String vin;
    private final MessSettings mess;
    private final boolean statusMessages;
    private final SplittableRandom random;
    private final String telemetryTopic;
    private final String eventsTopic;
    private final String statusTopic;
    private final List<VehicleMessage> out = new ArrayList<>();
    private final List<Sample> gapSamples = new ArrayList<>();
    private final List<VehicleEvent> gapEvents = new ArrayList<>();
    private final List<Held> late = new ArrayList<>();
    private Held swapped;
    private long gapUntil = Long.MIN_VALUE;
    private long reconnects;

    Transmitter(int index, String vin, MessSettings mess, boolean statusMessages, SplittableRandom random) {
        this.index = index;
        this.vin = vin;
        this.mess = mess;
        this.statusMessages = statusMessages;
        this.random = random;
        this.telemetryTopic = "v1/vehicles/" + vin + "/telemetry";
        this.eventsTopic = "v1/vehicles/" + vin + "/events";
        this.statusTopic = "v1/vehicles/" + vin + "/status";
    }

    /** The device came online (first connection or after a drop): it says so on its retained status topic. */
    void online(long t) {
        if (statusMessages) {
            out.add(new VehicleMessage(index, vin, VehicleMessage.Kind.STATUS, statusTopic, 1, true, t,
                    "{\"online\":true}", new long[0], false));
        }
    }

    /** A dropped connection: the device reconnects at once. */
    void reconnect(long t) {
        if (!inGap(t)) {
            reconnects++;
            online(t);
        }
    }

    boolean inGap(long t) {
        return t < gapUntil;
    }

    /** Out of coverage until {@code until}: everything is buffered and sent when coverage returns. */
    void startGap(long t, long until) {
        if (!inGap(t)) {
            gapUntil = until;
        } else {
            gapUntil = Math.max(gapUntil, until);
        }
    }

    void sample(Sample sample, int qos, long t, boolean live) {
        tick(t);
        if (inGap(t)) {
            gapSamples.add(sample);
            return;
        }
        if (live && random.nextDouble() < mess.late()) {
            late.add(new Held(sample, qos, t + 30_000 + random.nextLong(570_000)));
            return;
        }
        if (live && swapped == null && random.nextDouble() < mess.outOfOrder()) {
            swapped = new Held(sample, qos, t);
            return;
        }
        emit(single(sample, qos, t));
        if (swapped != null) {
            emit(single(swapped.sample(), swapped.qos(), t));
            swapped = null;
        }
    }

    void event(VehicleEvent event, long t) {
        tick(t);
        if (inGap(t)) {
            gapEvents.add(event);
            return;
        }
        emit(eventMessage(event, t));
    }

    /** Ends gaps whose time is up and releases held samples that are due. */
    void tick(long t) {
        if (!inGap(t) && (!gapSamples.isEmpty() || !gapEvents.isEmpty())) {
            flushGap(t);
        }
        if (swapped != null && t - swapped.releaseAt() > 60_000) {
            emit(single(swapped.sample(), swapped.qos(), t));
            swapped = null;
        }
        if (!late.isEmpty()) {
            late.sort(Comparator.comparingLong(Held::releaseAt));
            while (!late.isEmpty() && late.get(0).releaseAt() <= t) {
                Held held = late.remove(0);
                emit(single(held.sample(), held.qos(), t));
            }
        }
    }

    /** The end of the run: whatever is still held or buffered goes out now. */
    void finish(long t) {
        gapUntil = Long.MIN_VALUE;
        tick(Long.MAX_VALUE - 1);
        // Messages released by the final tick carry the run's end as their send time.
        for (int i = 0; i < out.size(); i++) {
            VehicleMessage m = out.get(i);
            if (m.emittedAt() > t) {
                out.set(i, new VehicleMessage(m.vehicleIndex(), m.vin(), m.kind(), m.topic(), m.qos(), m.retained(), t,
                        m.json(), m.sampleSeqs(), m.resend()));
            }
        }
    }

    private void flushGap(long t) {
        reconnects++;
        online(t);
        int from = 0;
        int size = mess.maxBatchSamples();
        while (from < gapSamples.size()) {
            List<Sample> chunk = List.copyOf(gapSamples.subList(from, Math.min(gapSamples.size(), from + size)));
            String json = Json.writeString(TelemetryMessage.batch(vin, chunk));
            if (json.length() > MAX_BATCH_BYTES && chunk.size() > 1) {
                size = Math.max(1, chunk.size() / 2);
                continue;
            }
            long[] seqs = chunk.stream().mapToLong(Sample::seq).toArray();
            emit(new VehicleMessage(index, vin, VehicleMessage.Kind.TELEMETRY, telemetryTopic, 1, false, t, json, seqs, false));
            from += chunk.size();
        }
        gapSamples.clear();
        gapEvents.forEach(e -> emit(eventMessage(e, t)));
        gapEvents.clear();
    }

    private VehicleMessage single(Sample sample, int qos, long t) {
        return new VehicleMessage(index, vin, VehicleMessage.Kind.TELEMETRY, telemetryTopic, qos, false, t,
                Json.writeString(TelemetryMessage.single(vin, sample)), new long[] {sample.seq()}, false);
    }

    private VehicleMessage eventMessage(VehicleEvent event, long t) {
        return new VehicleMessage(index, vin, VehicleMessage.Kind.EVENT, eventsTopic, 1, false, t,
                Json.writeString(event), new long[0], false);
    }

    private void emit(VehicleMessage message) {
        out.add(message);
        if (mess.duplicate() > 0 && random.nextDouble() < mess.duplicate()) {
            out.add(message.asResend());
        }
    }

    List<VehicleMessage> drain() {
        List<VehicleMessage> drained = new ArrayList<>(out);
        out.clear();
        return drained;
    }

    long reconnects() {
        return reconnects;
    }
}
