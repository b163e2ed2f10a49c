package io.pitwall.gateway.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.gateway.session.OutboundMessage;
import io.pitwall.gateway.session.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a vehicle's PUBLISH to Kafka and acknowledges it only once Kafka has it. Valid payloads go
 * to the raw topic; invalid ones go to the rejected topic with the reason (and MQTT 5 clients get
 * a failure reason code); a publish to another vehicle's topic is refused. If Kafka cannot take a
 * record, the publish is not acknowledged and the connection is closed, so the device resends.
 * QoS 2: PUBREC after Kafka has the record; a resend of a packet id awaiting PUBREL is confirmed
 * without a second write (the ids live in the session, so this holds across reconnects).
 * Stateless apart from what it keeps in the session; one instance per connection for clarity.
 */
public final class PublishHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PublishHandler.class);

    private final GatewayServices services;
    private final GatewayCounters counters;
    /** The last topic this connection published to and its parsed form: a device uses one or two. */
    private String lastTopicName;
    private VehicleTopic lastTopic;
    /** A flush of this connection's acknowledgements is queued on its event loop. */
    private boolean flushQueued;
    /** The connection's PUBACK packer; null in pipelines without one (some tests). */
    private PubAckBatcher pubAcks;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        pubAcks = (PubAckBatcher) ctx.pipeline().get(PipelineNames.PUBACKS);
    }

    public PublishHandler(GatewayServices services) {
        this.services = services;
        this.counters = services.counters();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPublishMessage publish) {
            try {
                onPublish(ctx, publish);
            } finally {
                ReferenceCountUtil.release(publish);
            }
        } else if (msg instanceof MqttMessage m && m.fixedHeader() != null && !m.decoderResult().isFailure()
                && m.fixedHeader().messageType() == MqttMessageType.PUBREL) {
            onPubRel(ctx, ((MqttMessageIdVariableHeader) m.variableHeader()).messageId());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onPubRel(ChannelHandlerContext ctx, int packetId) {
        MqttSession session = ctx.channel().attr(MqttSession.KEY).get();
        boolean known = session.state().qos2Received().remove(packetId) != null;
        if (!known) {
            counters.increment("qos2.pubrel-unknown");
        }
        ReasonCode code = known || !session.isMqtt5() ? ReasonCode.SUCCESS : ReasonCode.PACKET_ID_NOT_FOUND;
        session.inboundQuota().completed(packetId);
        ctx.writeAndFlush(Acks.pubComp(packetId, code));
    }

    private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        MqttSession session = ctx.channel().attr(MqttSession.KEY).get();
        if (publish.decoderResult().isFailure()) {
            Throwable cause = publish.decoderResult().cause();
            boolean tooLarge = cause instanceof TooLongFrameException;
            Disconnects.disconnect(ctx, counters, tooLarge ? ReasonCode.PACKET_TOO_LARGE : ReasonCode.MALFORMED_PACKET,
                    "undecodable PUBLISH: " + cause.getMessage());
            return;
        }
        String topicName = publish.variableHeader().topicName();
        int qos = publish.fixedHeader().qosLevel().value();
        counters.publishIn(qos);
        int packetId = publish.variableHeader().packetId();
        if (qos > 0 && session.isMqtt5() && !session.inboundQuota().tryAcquire(packetId)) {
            Disconnects.disconnect(ctx, counters, ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "more than "
                    + session.inboundQuota().receiveMaximum()
                    + " QoS 1/2 publishes awaiting acknowledgement, the Receive Maximum announced in the CONNACK");
            return;
        }
        int payloadBytes = publish.payload().readableBytes();
        long now = System.nanoTime();
        if (!session.publishRate().tryTake(1, now)) {
            Disconnects.disconnect(ctx, counters, ReasonCode.MESSAGE_RATE_TOO_HIGH, "more than "
                    + services.config().limits().maxPublishesPerSecond() + " publishes a second");
            return;
        }
        if (!session.publishBytes().tryTake(payloadBytes, now)) {
            Disconnects.disconnect(ctx, counters, ReasonCode.QUOTA_EXCEEDED, "more than "
                    + services.config().limits().maxPublishBytesPerSecond() + " payload bytes a second");
            return;
        }
        MqttProperties props = publish.variableHeader().properties();
        MqttProperties.MqttProperty<?> aliasProperty = props.getProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value());
        if (aliasProperty != null) {
            int alias = (Integer) aliasProperty.value();
            if (alias == 0 || alias > session.topicAliasMaximum()) {
                Disconnects.disconnect(ctx, counters, ReasonCode.TOPIC_ALIAS_INVALID, "topic alias " + alias
                        + " is outside 1-" + session.topicAliasMaximum());
                return;
            }
            if (topicName == null || topicName.isEmpty()) {
                topicName = session.topicAliases().get(alias);
                if (topicName == null) {
                    Disconnects.disconnect(ctx, counters, ReasonCode.PROTOCOL_ERROR, "topic alias " + alias + " was never set");
                    return;
                }
            } else {
                session.topicAliases().put(alias, topicName);
            }
        } else if (topicName == null || topicName.isEmpty()) {
            Disconnects.disconnect(ctx, counters, ReasonCode.PROTOCOL_ERROR, "empty topic name without a topic alias");
            return;
        }
        boolean development = services.config().developmentProfile();
        VehicleTopic topic = vehicleTopic(topicName, session, development);
        if (topic == null && !development) {
            refuseUnauthorized(ctx, session, topicName, qos, packetId);
            return;
        }
        boolean retain = publish.fixedHeader().isRetain();
        if (retain && payloadBytes == 0) {
            // MQTT: an empty retained message clears the topic's retained message; nothing to store.
            counters.increment("retained.cleared");
            services.router().retain(session.vin(), new OutboundMessage(topicName, new byte[0], qos, true, 0));
            acknowledgeStored(ctx, session, qos, packetId);
            return;
        }
        Map<Integer, CompletableFuture<Void>> qos2 = session.state().qos2Received();
        if (qos == 2 && qos2.containsKey(packetId)) {
            // A resent QoS 2 publish: confirm again once the first copy is in Kafka, store nothing.
            counters.increment("qos2.duplicate");
            OrderedAcks.Slot slot = session.acks().reserve();
            qos2.get(packetId).whenComplete((ok, error) -> ctx.executor().execute(
                    () -> onWritten(ctx, session, slot, qos, packetId, ReasonCode.SUCCESS, null, error, false)));
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(publish.payload());
        OutboundMessage routed = new OutboundMessage(topicName, payload, qos, retain, expiresAt(props),
                session.clientId(), forwarded(props), List.of());
        if (topic == null) {
            routeOnly(ctx, session, routed, packetId);
            return;
        }
        OrderedAcks.Slot slot = session.acks().reserve();
        Ingest.Outcome outcome = services.ingest().accept(topic.vin(), session.clientId(), topic, topicName, payload,
                contentType(publish), qos);
        if (qos == 2) {
            qos2.put(packetId, outcome.written());
        }
        services.backpressure().started(ctx.channel(), session);
        outcome.written().whenComplete((ok, error) -> ctx.executor().execute(() -> {
            onWritten(ctx, session, slot, qos, packetId, outcome.code(), outcome.reason(), error, true);
            if (error == null && outcome.code() == ReasonCode.SUCCESS) {
                if (retain) {
                    services.router().retain(topic.vin(), routed);
                }
                services.router().route(topic.vin(), routed);
            }
        }));
    }

    /**
     * The vehicle topic a publish goes to, if this connection may publish there (any vehicle topic
     * in the development profile), else null. The connection's VIN and profile never change, so
     * the last answer holds for the same topic name and spares parsing and checking it per message.
     */
    private VehicleTopic vehicleTopic(String topicName, MqttSession session, boolean development) {
        if (lastTopic != null && topicName.equals(lastTopicName)) {
            return lastTopic;
        }
        VehicleTopic topic = development ? Ingest.vehicleTopic(topicName) : Ingest.authorizedTopic(topicName, session.vin());
        if (topic != null) {
            lastTopicName = topicName;
            lastTopic = topic;
        }
        return topic;
    }

    /**
     * Development profile, a topic outside the vehicle contract: nothing to store, so the message is
     * routed to the subscribers and acknowledged at once (in order with any acks still waiting).
     * With no Kafka write to wait for, the subscribers' queues are what bounds the publisher: one it
     * filled pauses reading this connection (the rate limits above apply as to every publish).
     */
    private void routeOnly(ChannelHandlerContext ctx, MqttSession session, OutboundMessage message, int packetId) {
        if (message.retain()) {
            services.router().retain(null, message);
        }
        Router.Routed routed = services.router().route(null, message);
        counters.routed();
        acknowledgeStored(ctx, session, message.qos(), packetId);
        services.backpressure().slowSubscribers(ctx.channel(), session, routed.congested());
    }

    /**
     * Acknowledges a publish that needs no Kafka write, in order behind any acknowledgements still
     * waiting; a QoS 2 packet id is remembered so a resend is confirmed without being handled twice.
     */
    private void acknowledgeStored(ChannelHandlerContext ctx, MqttSession session, int qos, int packetId) {
        if (qos == 2) {
            session.state().qos2Received().put(packetId, CompletableFuture.completedFuture(null));
        }
        if (qos > 0) {
            acknowledgeNow(ctx, session, Acks.forQos(qos, packetId, ReasonCode.SUCCESS, null));
        }
    }

    private void acknowledgeNow(ChannelHandlerContext ctx, MqttSession session, MqttMessage ack) {
        session.acks().reserve().complete(ack);
        sendReadyAcks(ctx, session);
    }

    /**
     * Sends the acknowledgements that are ready, in order; a PUBACK or a failed PUBREC frees its
     * publish's place in the receive maximum.
     */
    private void sendReadyAcks(ChannelHandlerContext ctx, MqttSession session) {
        session.acks().drain(ack -> {
            session.inboundQuota().sending(ack);
            if (pubAcks != null && PubAckBatcher.isPlainPubAck(ack)) {
                pubAcks.add(((MqttPubReplyMessageVariableHeader) ack.variableHeader()).messageId());
            } else {
                ctx.write(ack);
            }
        });
        flushSoon(ctx);
    }

    /**
     * Flushes once the tasks already queued on this event loop have run, rather than now. Kafka
     * completes a whole batch of records at once, and each completion comes to this event loop as
     * a task: the acknowledgements of one batch then leave in one socket write, not one system
     * call each (a flush per PUBACK was a large share of the gateway's time at full load). The
     * wait is only for tasks already queued - no timer - and a flush from anything else (a
     * DISCONNECT, outbound messages) takes the acknowledgements along anyway.
     */
    private void flushSoon(ChannelHandlerContext ctx) {
        if (!flushQueued) {
            flushQueued = true;
            ctx.executor().execute(() -> {
                flushQueued = false;
                ctx.flush();
            });
        }
    }

    /** MQTT 5 message expiry as an absolute time, 0 for none. */
    private static long expiresAt(MqttProperties props) {
        MqttProperties.MqttProperty<?> p = props.getProperty(MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value());
        return p == null ? 0 : System.currentTimeMillis() + Integer.toUnsignedLong((Integer) p.value()) * 1000L;
    }

    /** The publisher's properties that travel to subscribers unchanged (MQTT 5, 3.3.2.3). */
    static MqttProperties forwarded(MqttProperties props) {
        if (props == null || props.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties out = new MqttProperties();
        for (MqttProperties.MqttProperty<?> p : props.listAll()) {
            int id = p.propertyId();
            if (id == MqttProperties.MqttPropertyType.USER_PROPERTY.value()
                    || id == MqttProperties.MqttPropertyType.RESPONSE_TOPIC.value()
                    || id == MqttProperties.MqttPropertyType.CORRELATION_DATA.value()
                    || id == MqttProperties.MqttPropertyType.CONTENT_TYPE.value()
                    || id == MqttProperties.MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value()) {
                out.add(p);
            }
        }
        return out.isEmpty() ? MqttProperties.NO_PROPERTIES : out;
    }

    private void onWritten(ChannelHandlerContext ctx, MqttSession session, OrderedAcks.Slot slot, int qos,
                           int packetId, ReasonCode code, String reason, Throwable error, boolean counted) {
        if (error != null) {
            if (counted) {
                counters.increment("kafka.write-failed");
                services.backpressure().finished(ctx.channel(), session);
            }
            if (!ctx.channel().isActive()) {
                return;
            }
            LOG.warn("Kafka did not take a publish from {}; closing so the device resends: {}",
                    session.clientId(), error.toString());
            if (qos == 2) {
                session.state().qos2Received().remove(packetId);
            }
            Disconnects.disconnect(ctx, counters, ReasonCode.SERVER_BUSY, "storage unavailable, resend later");
            return;
        }
        if (qos == 0) {
            slot.completeSilently();
        } else {
            slot.complete(Acks.forQos(qos, packetId, code, reason));
        }
        if (qos == 2 && (code.value() & 0xFF) >= 0x80) {
            // A PUBREC with a failure code ends the QoS 2 flow: no PUBREL follows, and the client may
            // use the packet id again for a new message, which must not pass for a resend.
            session.state().qos2Received().remove(packetId);
        }
        sendReadyAcks(ctx, session);
        if (counted) {
            services.backpressure().finished(ctx.channel(), session);
        }
    }

    private void refuseUnauthorized(ChannelHandlerContext ctx, MqttSession session, String topicName, int qos,
                                    int packetId) {
        counters.increment("refused.publish-not-authorized");
        String why = "not authorized to publish to '" + topicName + "'; publish only under "
                + VehicleTopic.prefixFor(session.vin()) + " to telemetry, events or status";
        LOG.info("Refused publish from {}: {}", session.clientId(), why);
        if (session.isMqtt5() && qos > 0) {
            acknowledgeNow(ctx, session, Acks.forQos(qos, packetId, ReasonCode.NOT_AUTHORIZED, why));
        } else {
            // MQTT 3.1.1 has no negative PUBACK; acknowledging would tell the device it was stored.
            Disconnects.disconnect(ctx, counters, ReasonCode.NOT_AUTHORIZED, why);
        }
    }

    private static String contentType(MqttPublishMessage publish) {
        MqttProperties.MqttProperty<?> contentType = publish.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.CONTENT_TYPE.value());
        return contentType == null ? null : String.valueOf(contentType.value());
    }
}
