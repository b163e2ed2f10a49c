package io.pitwall.gateway.session;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.pitwall.gateway.mqtt.GatewayCounters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One client's MQTT session, which may outlive its network connection: its subscriptions, its
 * {@link Outbox} (messages waiting to be sent, bounded, and QoS 1/2 messages sent and not yet
 * finished), the QoS 2 packet ids received and not yet released, and a pending will. The Kafka
 * consumer and the connection's event loop both reach it, so its state is guarded by its monitor;
 * packets are written only on the event loop of the connection it is attached to, which keeps them
 * (and the topic aliases they set) in order.
 */
public final class SessionState {

    /**
     * Messages waiting for a connected client beyond which a publisher that only routes to it is
     * held back (or half the queue bound, if smaller). Well below the bound, so holding back starts
     * before anything must be dropped - a socket read already decoded still routes its packets -
     * and a fast publisher's messages wait a few windows deep rather than a whole queue deep.
     */
    static final int CONGESTION_MARK = 64;

    private final String clientId;
    private final String vin;
    private final int maxQueued;
    private final int congestionMark;
    private final GatewayCounters counters;
    private final DropLog drops;
    private final Outbox outbox;
    private final SubscriptionIndex index;

    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<Integer, CompletableFuture<Void>> qos2Received = new ConcurrentHashMap<>();

    private Channel channel;
    private ClientLimits client = ClientLimits.NONE;
    private OutboundTopicAliases aliases = new OutboundTopicAliases(0);
    private long expiryIntervalSeconds;
    private long offlineSinceMillis;
    private Runnable pendingWill;
    /** A pump is queued on the connection's event loop: offers need not queue another. */
    private boolean pumpScheduled;

    /**
     * @param dropLines where the (rate-limited) lines about dropped messages go
     * @param index     the node's subscription index, kept up to date with this session's filters
     */
    SessionState(String clientId, String vin, int maxQueued, GatewayCounters counters, Consumer<String> dropLines,
                 SubscriptionIndex index) {
        this.clientId = clientId;
        this.index = index;
        this.vin = vin;
        this.maxQueued = maxQueued;
        this.congestionMark = Math.max(1, Math.min(CONGESTION_MARK, maxQueued / 2));
        this.counters = counters;
        this.drops = new DropLog(clientId, maxQueued, counters, dropLines);
        this.outbox = new Outbox(maxQueued, drops);
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
        boolean added = !subscriptions.containsKey(subscription.filter());
        if (added && subscriptions.size() >= max) {
            return false;
        }
        subscriptions.put(subscription.filter(), subscription);
        if (added) {
            index.added(this, subscription.filter());
        }
        return true;
    }

    public synchronized boolean hasSubscription(String filter) {
        return subscriptions.containsKey(filter);
    }

    public synchronized boolean unsubscribe(String filter) {
        boolean removed = subscriptions.remove(filter) != null;
        if (removed) {
            index.removed(this, filter);
        }
        return removed;
    }

    /** The session has ended: its filters leave the node's index. */
    synchronized void leaveIndex() {
        subscriptions.keySet().forEach(filter -> index.removed(this, filter));
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
    synchronized Runnable attach(Channel ch, ClientLimits limits) {
        channel = ch;
        client = limits;
        pumpScheduled = false;
        aliases = new OutboundTopicAliases(limits.mqtt5() ? limits.topicAliasMaximum() : 0);
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
     * Queues a message for this client. QoS 0 messages are not kept for an offline client. A
     * connected client that reads slowly gets its messages of any QoS queued (a publisher that only
     * routes to it is then held back); when the queue is full the oldest message is dropped. Drops
     * are counted and logged sparingly ({@link DropLog}).
     *
     * @return true if the client is connected and its queue is now at the congestion mark: the
     *         publisher should be held back until it drains ({@link #isBackedUp()})
     */
    public boolean offer(OutboundMessage message, long nowMillis) {
        Channel ch;
        boolean congested;
        boolean schedulePump;
        synchronized (this) {
            if (message.expired(nowMillis)) {
                drops.dropped(DropLog.Reason.EXPIRED, nowMillis);
                return false;
            }
            if (message.qos() == 0 && channel == null) {
                drops.dropped(DropLog.Reason.QOS0_OFFLINE, nowMillis);
                return false;
            }
            outbox.add(message, nowMillis);
            congested = outbox.queued() >= congestionMark;
            ch = channel;
            // One pump drains everything queued before it runs: a burst of offers costs one task
            // and one flush on the subscriber's event loop, not one per message.
            schedulePump = ch != null && !pumpScheduled;
            if (schedulePump) {
                pumpScheduled = true;
            }
        }
        if (schedulePump) {
            ch.eventLoop().execute(() -> pump(ch));
        }
        return congested && ch != null;
    }

    /** Connected with more than half the congestion mark waiting: publishers to it are held back. */
    public synchronized boolean isBackedUp() {
        return channel != null && outbox.queued() > congestionMark / 2;
    }

    /** PUBACK from the client: a QoS 1 message is delivered and frees its place in the window. */
    public void acknowledged(int packetId, Channel ch) {
        synchronized (this) {
            if (!outbox.acknowledged(packetId)) {
                counters.increment("outbound.unknown-puback");
                return;
            }
        }
        pump(ch);
    }

    /**
     * PUBREC from the client: it has a QoS 2 message, and gets the PUBREL. A failure reason code
     * ends that message's flow (MQTT 5, 4.3.3); an unknown packet id gets PUBREL 0x92 in MQTT 5.
     */
    public void received(int packetId, int reasonCode, Channel ch) {
        Outbox.PubRec outcome;
        boolean v5;
        synchronized (this) {
            outcome = outbox.received(packetId, reasonCode >= 0x80);
            v5 = client.mqtt5();
        }
        switch (outcome) {
            case SEND_PUBREL -> ch.writeAndFlush(PublishPackets.pubRel(packetId, (byte) 0));
            case ENDED_BY_CLIENT -> {
                counters.increment("outbound.qos2-refused-by-client");
                pump(ch);
            }
            case UNKNOWN -> {
                counters.increment("outbound.unknown-pubrec");
                if (reasonCode < 0x80) {
                    ch.writeAndFlush(PublishPackets.pubRel(packetId, v5 ? PublishPackets.PACKET_ID_NOT_FOUND : 0));
                }
            }
        }
    }

    /** PUBCOMP from the client: a QoS 2 message is complete and frees its place in the window. */
    public void completed(int packetId, Channel ch) {
        synchronized (this) {
            if (!outbox.completed(packetId)) {
                counters.increment("outbound.unknown-pubcomp");
                return;
            }
        }
        pump(ch);
    }

    /**
     * After a reconnect to an existing session: sends again what is in flight - PUBLISH with the
     * DUP flag, or PUBREL for a QoS 2 message the client already received - then what waited in
     * the queue (MQTT 5, 4.4). Runs on the new connection's event loop.
     */
    public void resume(Channel ch) {
        List<Outbox.InFlight> resend;
        synchronized (this) {
            if (channel != ch) {
                return;
            }
            resend = outbox.inFlight();
        }
        long now = System.currentTimeMillis();
        for (Outbox.InFlight f : resend) {
            MqttMessage packet;
            synchronized (this) {
                packet = f.released() ? PublishPackets.pubRel(f.packetId(), (byte) 0)
                        : publish(f.message(), f.packetId(), true, now);
            }
            ch.write(packet);
            counters.increment("outbound.redelivered");
        }
        pump(ch);
    }

    /**
     * Sends queued messages while the client's window has room and its socket is writable; the
     * rest wait for the next acknowledgement or {@code channelWritabilityChanged}. Runs on the
     * connection's event loop.
     */
    public void pump(Channel ch) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            // Cleared before draining: an offer after this point queues a pump of its own.
            pumpScheduled = false;
        }
        while (true) {
            MqttPublishMessage packet;
            synchronized (this) {
                if (channel != ch) {
                    break;
                }
                Outbox.Next next = outbox.next(ch.isWritable(), client, now);
                if (next == null) {
                    break;
                }
                packet = publish(next.message(), next.packetId(), false, now);
            }
            counters.publishOut(packet.fixedHeader().qosLevel().value());
            ch.write(packet);
        }
        ch.flush();
    }

    /** Logs drops not reported yet, once their interval passed (called by the housekeeping timer). */
    synchronized void reportDrops(long nowMillis) {
        drops.flush(nowMillis);
    }

    private MqttPublishMessage publish(OutboundMessage m, int packetId, boolean dup, long now) {
        OutboundTopicAliases.Use alias = aliases.use(m.topic());
        if (alias.alias() > 0 && alias.sendTopicName()) {
            counters.increment("outbound.topic-alias-set");
        }
        return PublishPackets.publish(m, packetId, dup, now, client.mqtt5(), alias);
    }

    public synchronized int queued() {
        return outbox.queued();
    }

    public synchronized int inFlightCount() {
        return outbox.inFlightCount();
    }
}
