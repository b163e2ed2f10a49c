package io.pitwall.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.pitwall.gateway.session.SessionState;

import java.util.HashMap;
import java.util.Map;

/**
 * What the gateway knows about one authenticated connection, kept in a channel attribute: who it
 * is, its session, its will, its rate limits, its acknowledgements in flight and why its reading is
 * paused. Used only on the connection's event loop.
 */
public final class MqttSession {

    public static final AttributeKey<MqttSession> KEY = AttributeKey.valueOf("pitwall.session");

    private final String clientId;
    private final String vin;
    private final MqttVersion version;
    private final OrderedAcks acks = new OrderedAcks();
    private final SessionState state;
    private final Will will;
    private final TokenBucket publishRate;
    private final TokenBucket publishBytes;
    private final boolean sessionExpiryWasZero;
    private final int topicAliasMaximum;
    private final InboundQuota inboundQuota;
    private Map<Integer, String> topicAliases;
    private boolean willDisarmed;
    private int pauseReasons;
    private long pausedSinceNanos;

    /**
     * @param topicAliasMaximum topic aliases this client may use (announced in CONNACK; 0 for none)
     * @param receiveMaximum    QoS 1/2 publishes it may have in flight (announced in CONNACK)
     */
    public MqttSession(String clientId, String vin, MqttVersion version, SessionState state, Will will,
                       TokenBucket publishRate, TokenBucket publishBytes, int topicAliasMaximum, int receiveMaximum) {
        this.topicAliasMaximum = topicAliasMaximum;
        this.clientId = clientId;
        this.vin = vin;
        this.version = version;
        this.state = state;
        this.will = will;
        this.publishRate = publishRate;
        this.publishBytes = publishBytes;
        this.inboundQuota = new InboundQuota(receiveMaximum);
        this.sessionExpiryWasZero = state == null || state.expiryIntervalSeconds() == 0;
    }

    public String clientId() {
        return clientId;
    }

    public String vin() {
        return vin;
    }

    public MqttVersion version() {
        return version;
    }

    public boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }

    public OrderedAcks acks() {
        return acks;
    }

    /** The MQTT session this connection is bound to. */
    public SessionState state() {
        return state;
    }

    /** The will to publish if the connection ends without a normal DISCONNECT, or null. */
    public Will will() {
        return willDisarmed ? null : will;
    }

    /** A normal DISCONNECT: the will is discarded. */
    public void disarmWill() {
        willDisarmed = true;
    }

    public TokenBucket publishRate() {
        return publishRate;
    }

    public TokenBucket publishBytes() {
        return publishBytes;
    }

    /** MQTT 5: a DISCONNECT may not raise a session expiry that was 0 at CONNECT (3.14.2.2.2). */
    public boolean sessionExpiryWasZero() {
        return sessionExpiryWasZero;
    }

    public int topicAliasMaximum() {
        return topicAliasMaximum;
    }

    /** Client-to-server topic aliases of this connection (they do not outlive it). */
    public Map<Integer, String> topicAliases() {
        if (topicAliases == null) {
            topicAliases = new HashMap<>();
        }
        return topicAliases;
    }

    /** The client's QoS 1/2 publishes in flight on this connection (MQTT 5 receive maximum). */
    InboundQuota inboundQuota() {
        return inboundQuota;
    }

    /** Why reading is paused, as {@link Backpressure.Reason} bits; 0 while it is read. */
    int pauseReasons() {
        return pauseReasons;
    }

    void pauseReasons(int bits) {
        pauseReasons = bits;
    }

    long pausedSinceNanos() {
        return pausedSinceNanos;
    }

    void pausedSinceNanos(long v) {
        pausedSinceNanos = v;
    }
}
