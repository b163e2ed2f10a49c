package io.pitwall.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttMessage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Keeps a connection's acknowledgements in the order its publishes arrived, as MQTT requires, even
 * though Kafka may confirm a dead-letter write before an earlier telemetry write. Used only from
 * the connection's event loop, so it needs no locking.
 */
public final class OrderedAcks {

    private final Deque<Slot> slots = new ArrayDeque<>();

    /** Reserves the next place in line for a publish that will be acknowledged later. */
    public Slot reserve() {
        Slot slot = new Slot();
        slots.addLast(slot);
        return slot;
    }

    public int pending() {
        return slots.size();
    }

    /** Sends every acknowledgement at the head of the line that is ready. */
    public void drain(Consumer<MqttMessage> send) {
        while (!slots.isEmpty() && slots.peekFirst().ack != null) {
            MqttMessage ack = slots.pollFirst().ack;
            if (ack != NOTHING) {
                send.accept(ack);
            }
        }
    }

    private static final MqttMessage NOTHING = new MqttMessage(null);

    /** One publish's place in line. */
    public static final class Slot {
        private MqttMessage ack;

        public void complete(MqttMessage ack) {
            this.ack = ack;
        }

        /** For QoS 0 publishes, which hold a place for ordering but send nothing. */
        public void completeSilently() {
            this.ack = NOTHING;
        }
    }
}
