package io.pitwall.gateway.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One session's messages on their way to the client: a bounded queue of what waits, and the QoS 1
 * and 2 messages sent and not yet finished, by packet id. It decides what goes out next: within
 * the client's receive window, and, while the socket is not writable, nothing at all: messages of
 * every QoS wait here, so a slow subscriber's backlog stays in this bounded queue instead of
 * growing Netty's unbounded outbound buffer, and what the queue cannot hold is dropped oldest
 * first and counted. Not thread-safe: {@link SessionState} guards it with its monitor.
 */
final class Outbox {

    /**
     * A message sent and not yet acknowledged (QoS 1) or completed (QoS 2). Once the client's
     * PUBREC came, a QoS 2 message is released: only its PUBREL may still need sending, so the
     * message itself is let go (null).
     */
    record InFlight(int packetId, int qos, OutboundMessage message) {
        boolean released() {
            return message == null;
        }
    }

    /** The next message to send and its packet id (0 for QoS 0). */
    record Next(OutboundMessage message, int packetId) {
    }

    /** What a PUBREC means for the flow of that packet id. */
    enum PubRec { SEND_PUBREL, ENDED_BY_CLIENT, UNKNOWN }

    /** Allowance for the fixed header, packet id and properties when comparing with the client's maximum. */
    private static final long PACKET_OVERHEAD = 64;

    private final int maxQueued;
    private final DropLog drops;
    private final ArrayDeque<OutboundMessage> queue = new ArrayDeque<>();
    private final LinkedHashMap<Integer, InFlight> inFlight = new LinkedHashMap<>();
    private int lastPacketId;

    Outbox(int maxQueued, DropLog drops) {
        this.maxQueued = maxQueued;
        this.drops = drops;
    }

    /** Queues a message, dropping the oldest when the queue is full. */
    void add(OutboundMessage message, long nowMillis) {
        if (queue.size() >= maxQueued) {
            queue.pollFirst();
            drops.dropped(DropLog.Reason.QUEUE_FULL, nowMillis);
        }
        queue.addLast(message);
    }

    /**
     * Takes the next message to send now, or null if nothing may go: the queue is empty, the window
     * is full, or the socket is not writable.
     */
    Next next(boolean writable, ClientLimits client, long nowMillis) {
        while (!queue.isEmpty() && inFlight.size() < client.receiveMaximum()) {
            OutboundMessage m = queue.peekFirst();
            if (m.expired(nowMillis)) {
                queue.pollFirst();
                drops.dropped(DropLog.Reason.EXPIRED, nowMillis);
                continue;
            }
            if (m.payload().length + m.topic().length() + PACKET_OVERHEAD > client.maximumPacketSize()) {
                queue.pollFirst();
                drops.dropped(DropLog.Reason.TOO_LARGE_FOR_CLIENT, nowMillis);
                continue;
            }
            if (!writable) {
                return null;
            }
            queue.pollFirst();
            int packetId = 0;
            if (m.qos() > 0) {
                packetId = nextPacketId();
                inFlight.put(packetId, new InFlight(packetId, m.qos(), m));
            }
            return new Next(m, packetId);
        }
        return null;
    }

    /** PUBACK: true if it finished a QoS 1 message in flight. */
    boolean acknowledged(int packetId) {
        InFlight f = inFlight.get(packetId);
        if (f == null || f.qos() != 1) {
            return false;
        }
        inFlight.remove(packetId);
        return true;
    }

    /** PUBREC: a success releases the QoS 2 message; a failure code ends its flow (MQTT 5, 4.3.3). */
    PubRec received(int packetId, boolean failed) {
        InFlight f = inFlight.get(packetId);
        if (f == null || f.qos() != 2) {
            return PubRec.UNKNOWN;
        }
        if (failed) {
            inFlight.remove(packetId);
            return PubRec.ENDED_BY_CLIENT;
        }
        // Replacing the value of an existing key keeps its place in the (insertion-ordered) map.
        inFlight.put(packetId, new InFlight(packetId, 2, null));
        return PubRec.SEND_PUBREL;
    }

    /** PUBCOMP: true if it finished a QoS 2 message in flight. */
    boolean completed(int packetId) {
        InFlight f = inFlight.get(packetId);
        if (f == null || f.qos() != 2) {
            return false;
        }
        inFlight.remove(packetId);
        return true;
    }

    /** The messages in flight, oldest first (to send again after a reconnect). */
    List<InFlight> inFlight() {
        return new ArrayList<>(inFlight.values());
    }

    int queued() {
        return queue.size();
    }

    int inFlightCount() {
        return inFlight.size();
    }

    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId >= 65_535 ? 1 : lastPacketId + 1;
        } while (inFlight.containsKey(lastPacketId));
        return lastPacketId;
    }
}
