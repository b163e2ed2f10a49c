package io.pitwall.gateway.session;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.pitwall.gateway.mqtt.GatewayCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's MQTT session, which may outlive its network connection: its subscriptions, the
 * QoS 1 messages sent and not yet acknowledged, the messages waiting to be sent (bounded), and
 * the QoS 2 packet ids received and not yet released. The Kafka consumer and the connection's
 * event loop both reach it, so its state is guarded by its monitor; packets are written only on
 * the event loop of the connection it is attached to, which keeps them in order.
 */
public final class SessionState {

    private static final Logger LOG = LoggerFactory.getLogger(SessionState.class);

    private final String clientId;
    private final String vin;
    private final int maxQueued;
    private final GatewayCounters counters;

    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final ArrayDeque<OutboundMessage> queue = new ArrayDeque<>();
    private final LinkedHashMap<Integer, OutboundMessage> inFlight = new LinkedHashMap<>();
    private final Map<Integer, CompletableFuture<Void>> qos2Received = new ConcurrentHashMap<>();
    private int nextPacketId = 1;

    private Channel channel;
    private boolean mqtt5;
    private int window = 1;
    private long clientMaxPacket = Long.MAX_VALUE;
    private long expiryIntervalSeconds;
    private long offlineSinceMillis;
    private Runnable pendingWill;

    SessionState(String clientId, String vin, int maxQueued, GatewayCounters counters) {
        this.clientId = clientId;
        this.vin = vin;
        this.maxQueued = maxQueued;
        this.counters = counters;
    }

    public String clientId() {
        return clientId;
    }

    public String vin() {
        return vin;
    }

    /** QoS 2 packet ids whose PUBLISH was taken and whose PUBREL has not come; the future is the Kafka write. */
    public Map<Integer, CompletableFuture<Void>> qos2Received() {
        return qos2Received;
    }

    public synchronized long expiryIntervalSeconds() {
        return expiryIntervalSeconds;
    }

    public synchronized void expiryIntervalSeconds(long seconds) {
        expiryIntervalSeconds = seconds;
    }

    public synchronized boolean isOnline() {
        return channel != null;
    }

    /** True while this session is bound to that connection (false once another took it over). */
    public synchronized boolean isBoundTo(Channel ch) {
        return channel == ch;
    }

    synchronized boolean expiredOffline(long nowMillis) {
        return channel == null && nowMillis - offlineSinceMillis >= expiryIntervalSeconds * 1000L;
    }

    // --- subscriptions ---------------------------------------------------------------------

    /** Adds or replaces a subscription; false if that would exceed {@code max} filters. */
    public synchronized boolean subscribe(Subscription subscription, int max) {
        if (!subscriptions.containsKey(subscription.filter()) && subscriptions.size() >= max) {
            return false;
        }
        subscriptions.put(subscription.filter(), subscription);
        return true;
    }

    public synchronized boolean hasSubscription(String filter) {
        return subscriptions.containsKey(filter);
    }

    public synchronized boolean unsubscribe(String filter) {
        return subscriptions.remove(filter) != null;
    }

    public synchronized int subscriptionCount() {
        return subscriptions.size();
    }

    /**
     * How a message on this topic from this publisher is delivered to this session, or null if no
     * subscription matches. Overlapping subscriptions give one delivery at the highest granted QoS,
     * carrying every matching subscription identifier (MQTT 5, 3.3.4).
     */
    public synchronized OutboundMessage match(OutboundMessage message) {
        int qos = -1;
        boolean retainAsPublished = false;
        List<Integer> ids = null;
        for (Subscription s : subscriptions.values()) {
            if (s.noLocal() && clientId.equals(message.publisher())) {
                continue;
            }
            if (!TopicFilters.matches(s.filter(), message.topic())) {
                continue;
            }
            qos = Math.max(qos, s.qos());
            retainAsPublished |= s.retainAsPublished();
            if (s.subscriptionId() > 0) {
                if (ids == null) {
                    ids = new ArrayList<>(2);
                }
                ids.add(s.subscriptionId());
            }
        }
        if (qos < 0) {
            return null;
        }
        return message.forDelivery(Math.min(qos, message.qos()), retainAsPublished && message.retain(),
                ids == null ? List.of() : ids);
    }

    /** The highest QoS granted by any subscription matching the topic, or -1. */
    public synchronized int maxGrantedQos(String topic) {
        OutboundMessage m = match(new OutboundMessage(topic, new byte[0], 2, false, 0));
        return m == null ? -1 : m.qos();
    }

    // --- connection ------------------------------------------------------------------------

    /**
     * Binds the session to a new connection. Returns the will left pending by the previous one,
     * which the new connection cancels (MQTT 5, 3.1.3.2.2).
     */
    synchronized Runnable attach(Channel ch, boolean isMqtt5, int receiveMaximum, long maxPacket) {
        channel = ch;
        mqtt5 = isMqtt5;
        window = Math.max(1, receiveMaximum);
        clientMaxPacket = maxPacket;
        Runnable will = pendingWill;
        pendingWill = null;
        return will;
    }

    /** Unbinds the session if it is still bound to this connection; false if another took it over. */
    synchronized boolean detach(Channel ch, long nowMillis) {
        if (channel != ch) {
            return false;
        }
        channel = null;
        offlineSinceMillis = nowMillis;
        return true;
    }

    synchronized Channel channelForStore() {
        return channel;
    }

    public synchronized void pendingWill(Runnable will) {
        pendingWill = will;
    }

    /** Clears the pending will if it is still this one; true if the caller should now publish it. */
    public synchronized boolean clearPendingWill(Runnable will) {
        if (pendingWill != will) {
            return false;
        }
        pendingWill = null;
        return true;
    }

    synchronized Runnable takePendingWill() {
        Runnable will = pendingWill;
        pendingWill = null;
        return will;
    }

    // --- outbound --------------------------------------------------------------------------

    /**
     * Queues a message for this client. QoS 0 messages for an offline client are not kept. When
     * the queue is full the oldest message is dropped and counted.
     */
    public void offer(OutboundMessage message, long nowMillis) {
        Channel ch;
        synchronized (this) {
            if (message.expired(nowMillis)) {
                counters.increment("outbound.expired");
                return;
            }
            if (channel == null && message.qos() == 0) {
                counters.increment("outbound.dropped-qos0-offline");
                return;
            }
            if (queue.size() >= maxQueued) {
                queue.pollFirst();
                counters.increment("outbound.dropped-queue-full");
                LOG.warn("Queue of {} is full ({} messages); dropped the oldest", clientId, maxQueued);
            }
            queue.addLast(message);
            ch = channel;
        }
        if (ch != null) {
            ch.eventLoop().execute(() -> pump(ch));
        }
    }

    /** The client acknowledged a QoS 1 message: frees its place in the window. */
    public void acknowledged(int packetId, Channel ch) {
        synchronized (this) {
            if (inFlight.remove(packetId) == null) {
                counters.increment("outbound.unknown-puback");
                return;
            }
        }
        pump(ch);
    }

    /**
     * After a reconnect to an existing session: sends the unacknowledged messages again with the
     * DUP flag, then what waited in the queue. Runs on the new connection's event loop.
     */
    public void resume(Channel ch) {
        List<Map.Entry<Integer, OutboundMessage>> resend;
        synchronized (this) {
            if (channel != ch) {
                return;
            }
            resend = new ArrayList<>(inFlight.entrySet());
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<Integer, OutboundMessage> e : resend) {
            ch.write(publish(e.getValue(), e.getKey(), true, now));
            counters.increment("outbound.redelivered");
        }
        pump(ch);
    }

    /** Sends queued messages while the client's window has room. Runs on the connection's event loop. */
    void pump(Channel ch) {
        List<MqttPublishMessage> toSend = new ArrayList<>();
        long now = System.currentTimeMillis();
        synchronized (this) {
            if (channel != ch) {
                return;
            }
            while (!queue.isEmpty() && inFlight.size() < window) {
                OutboundMessage m = queue.pollFirst();
                if (m.expired(now)) {
                    counters.increment("outbound.expired");
                    continue;
                }
                if (m.payload().length + m.topic().length() + 64L > clientMaxPacket) {
                    counters.increment("outbound.dropped-too-large-for-client");
                    LOG.warn("Dropped a message to {} on {}: larger than the client's maximum packet size",
                            clientId, m.topic());
                    continue;
                }
                int packetId = 0;
                if (m.qos() > 0) {
                    packetId = nextPacketId();
                    inFlight.put(packetId, m);
                }
                toSend.add(publish(m, packetId, false, now));
            }
        }
        for (MqttPublishMessage p : toSend) {
            counters.increment("publish.out.qos" + p.fixedHeader().qosLevel().value());
            ch.write(p);
        }
        ch.flush();
    }

    private int nextPacketId() {
        do {
            nextPacketId = nextPacketId >= 65_535 ? 1 : nextPacketId + 1;
        } while (inFlight.containsKey(nextPacketId));
        return nextPacketId;
    }

    private MqttPublishMessage publish(OutboundMessage m, int packetId, boolean dup, long now) {
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (mqtt5 && (m.expiresAtMillis() > 0 || !m.subscriptionIds().isEmpty() || !m.forwarded().isEmpty())) {
            props = new MqttProperties();
            for (MqttProperties.MqttProperty<?> p : m.forwarded().listAll()) {
                props.add(p);
            }
            if (m.expiresAtMillis() > 0) {
                // MQTT 5, 3.3.2.3.3: the interval sent is what is left of the publisher's.
                long remaining = Math.max(1, (m.expiresAtMillis() - now + 999) / 1000);
                props.add(new MqttProperties.IntegerProperty(
                        MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
                        (int) Math.min(Integer.MAX_VALUE, remaining)));
            }
            for (int id : m.subscriptionIds()) {
                props.add(new MqttProperties.IntegerProperty(
                        MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
            }
        }
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(m.qos()), m.retain(), 0),
                new MqttPublishVariableHeader(m.topic(), packetId, props),
                Unpooled.wrappedBuffer(m.payload()));
    }

    public synchronized int queued() {
        return queue.size();
    }

    public synchronized int inFlightCount() {
        return inFlight.size();
    }
}
