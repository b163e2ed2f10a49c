package io.pitwall.gateway.session;

/**
 * What a connected client accepts, from its CONNECT, for what the gateway sends it.
 *
 * @param mqtt5             whether it speaks MQTT 5 (properties, reason codes, topic aliases)
 * @param receiveMaximum    QoS 1/2 messages the gateway may have in flight to it (its receive maximum,
 *                          capped by the gateway's own bound)
 * @param maximumPacketSize largest packet it accepts, {@link Long#MAX_VALUE} if it set none
 * @param topicAliasMaximum topic aliases it accepts from the gateway (MQTT 5 CONNECT property; 0 for none)
 */
public record ClientLimits(boolean mqtt5, int receiveMaximum, long maximumPacketSize, int topicAliasMaximum) {

    /** Before the first connection: nothing is sent anyway. */
    static final ClientLimits NONE = new ClientLimits(false, 1, Long.MAX_VALUE, 0);
}
