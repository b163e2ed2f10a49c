package io.pitwall.gateway.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.raw.RejectedRecord;
import io.pitwall.gateway.kafka.RecordWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a vehicle's PUBLISH to Kafka and acknowledges it only once Kafka has it. Valid payloads go
 * to the raw topic; invalid ones go to the rejected topic with the reason (and MQTT 5 clients get
 * a failure reason code); a publish to another vehicle's topic is refused. If Kafka cannot take a
 * record, the publish is not acknowledged and the connection is closed, so the device resends.
 * One instance per connection: it holds the QoS 2 packet ids awaiting PUBREL.
 */
public final class PublishHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PublishHandler.class);

    private final InboundRecordFactory records;
    private final RecordWriter kafka;
    private final String rawTopic;
    private final String rejectedTopic;
    private final GatewayCounters counters;
    private final int maxInFlight;
    private final Set<Integer> qos2AwaitingRelease = new HashSet<>();

    public PublishHandler(InboundRecordFactory records, RecordWriter kafka, String rawTopic,
                          String rejectedTopic, GatewayCounters counters, int maxInFlight) {
        this.records = records;
        this.kafka = kafka;
        this.rawTopic = rawTopic;
        this.rejectedTopic = rejectedTopic;
        this.counters = counters;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPublishMessage publish) {
            try {
                onPublish(ctx, publish);
            } finally {
                ReferenceCountUtil.release(publish);
            }
        } else if (msg instanceof MqttMessage m && m.fixedHeader() != null
                && m.fixedHeader().messageType() == MqttMessageType.PUBREL) {
            int packetId = ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
            qos2AwaitingRelease.remove(packetId);
            ctx.writeAndFlush(Acks.pubComp(packetId));
        } else {
            ctx.fireChannelRead(msg);
        }
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
        int packetId = publish.variableHeader().packetId();
        VehicleTopic topic = authorizedTopic(topicName, session);
        if (topic == null) {
            refuseUnauthorized(ctx, session, topicName, qos, packetId);
            return;
        }
        if (qos == 2 && !qos2AwaitingRelease.add(packetId)) {
            // A resent QoS 2 publish whose first copy is already in Kafka: confirm again, store nothing.
            ctx.writeAndFlush(Acks.pubRec(packetId, ReasonCode.SUCCESS, null));
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(publish.payload());
        OrderedAcks.Slot slot = session.acks().reserve();
        CompletableFuture<Void> written;
        ReasonCode ackCode;
        String ackReason;
        try {
            RawRecord record = records.toRecord(topic, session.clientId(), payload, contentType(publish), qos);
            written = kafka.write(rawTopic, session.vin(), Json.write(record));
            ackCode = ReasonCode.SUCCESS;
            ackReason = null;
            counters.increment("publish.accepted.qos" + qos);
        } catch (ContractViolation violation) {
            counters.increment("rejected." + violation.reason().code());
            LOG.info("Rejected publish from {} on {}: {}", session.clientId(), topicName, violation.getMessage());
            written = kafka.write(rejectedTopic, session.vin(), Json.write(rejected(session, topicName, payload, violation)));
            ackCode = ReasonCode.PAYLOAD_FORMAT_INVALID;
            ackReason = violation.reason().code() + ": " + violation.getMessage();
        }
        if (session.acks().pending() >= maxInFlight) {
            counters.increment("backpressure.paused");
            ctx.channel().config().setAutoRead(false);
        }
        ReasonCode code = ackCode;
        String reason = ackReason;
        written.whenComplete((ok, error) -> ctx.executor().execute(
                () -> onWritten(ctx, session, slot, qos, packetId, code, reason, error)));
    }

    private void onWritten(ChannelHandlerContext ctx, MqttSession session, OrderedAcks.Slot slot, int qos,
                           int packetId, ReasonCode code, String reason, Throwable error) {
        if (error != null) {
            counters.increment("kafka.write-failed");
            LOG.warn("Kafka did not take a publish from {}; closing so the device resends: {}",
                    session.clientId(), error.toString());
            qos2AwaitingRelease.remove(packetId);
            Disconnects.disconnect(ctx, counters, ReasonCode.SERVER_BUSY, "storage unavailable, resend later");
            return;
        }
        if (qos == 0) {
            slot.completeSilently();
        } else {
            slot.complete(Acks.forQos(qos, packetId, code, reason));
        }
        session.acks().drain(ctx::write);
        ctx.flush();
        if (!ctx.channel().config().isAutoRead() && session.acks().pending() <= maxInFlight / 2) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** The parsed topic if this connection may publish to it, else null. */
    private static VehicleTopic authorizedTopic(String topicName, MqttSession session) {
        if (!topicName.startsWith(VehicleTopic.prefixFor(session.vin()))) {
            return null;
        }
        try {
            VehicleTopic topic = VehicleTopic.parse(topicName);
            return topic.channel() == VehicleTopic.Channel.NOTICES ? null : topic;
        } catch (ContractViolation e) {
            return null;
        }
    }

    private void refuseUnauthorized(ChannelHandlerContext ctx, MqttSession session, String topicName, int qos,
                                    int packetId) {
        counters.increment("refused.publish-not-authorized");
        String why = "not authorized to publish to '" + topicName + "'; publish only under "
                + VehicleTopic.prefixFor(session.vin()) + " to telemetry, events or status";
        LOG.info("Refused publish from {}: {}", session.clientId(), why);
        if (session.isMqtt5() && qos > 0) {
            OrderedAcks.Slot slot = session.acks().reserve();
            slot.complete(Acks.forQos(qos, packetId, ReasonCode.NOT_AUTHORIZED, why));
            session.acks().drain(ctx::write);
            ctx.flush();
        } else {
            // MQTT 3.1.1 has no negative PUBACK; acknowledging would tell the device it was stored.
            Disconnects.disconnect(ctx, counters, ReasonCode.NOT_AUTHORIZED, why);
        }
    }

    private RejectedRecord rejected(MqttSession session, String topic, byte[] payload, ContractViolation violation) {
        return RejectedRecord.of(session.vin(), session.clientId(), records.gatewayId(), System.currentTimeMillis(),
                topic, violation.reason(), violation.getMessage(), payload);
    }

    private static String contentType(MqttPublishMessage publish) {
        MqttProperties.MqttProperty<?> contentType = publish.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.CONTENT_TYPE.value());
        return contentType == null ? null : String.valueOf(contentType.value());
    }
}
