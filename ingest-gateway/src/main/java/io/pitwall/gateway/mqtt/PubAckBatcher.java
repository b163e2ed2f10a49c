package io.pitwall.gateway.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;

/**
 * Packs the plain PUBACKs sent between two flushes into one buffer. At full load a connection
 * gets a PUBACK for every publish; each one through the pipeline and the MQTT encoder cost a
 * pipeline pass, a 4-byte direct buffer and an outbound-buffer entry - a fifth of the event loops'
 * time once payload parsing was cheap (docs/benchmarks.md). {@link #add} appends 4 bytes instead.
 *
 * <p>Sits right above the MQTT encoder, so every message written to the connection passes it:
 * anything else written, a flush or a close first sends what is packed, so the order on the wire
 * is the order in which acknowledgements and messages were sent. A PUBACK with reason Success and
 * no properties is the same 4 bytes in MQTT 3.1.1 and 5 (type, remaining length 2, packet id;
 * MQTT 5, 3.4.2.1 lets Success without properties omit the rest, as Netty's encoder does). Used
 * only on the connection's event loop.
 */
final class PubAckBatcher extends ChannelOutboundHandlerAdapter {

    private static final int PUBACK = 0x40;
    private static final int INITIAL_BYTES = 64;

    private ChannelHandlerContext ctx;
    private ByteBuf packed;

    /** True for a PUBACK that {@link #add} can send: reason Success, no properties. */
    static boolean isPlainPubAck(MqttMessage m) {
        return m.fixedHeader() != null && m.fixedHeader().messageType() == MqttMessageType.PUBACK
                && m.variableHeader() instanceof MqttPubReplyMessageVariableHeader header
                && header.reasonCode() == 0 && header.properties().isEmpty();
    }

    /** Queues a plain PUBACK; it leaves with the next flush, or before the next other write. */
    void add(int packetId) {
        if (ctx == null || !ctx.channel().isActive()) {
            return; // removed, or the connection is gone: nothing can be sent any more
        }
        if (packed == null) {
            packed = ctx.alloc().buffer(INITIAL_BYTES);
        }
        packed.writeByte(PUBACK).writeByte(2).writeShort(packetId);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        sendPacked(ctx);
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        sendPacked(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        // Unflushed writes are dropped on close anyway; so is what is packed.
        release();
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        this.ctx = null;
        release();
    }

    private void sendPacked(ChannelHandlerContext ctx) {
        if (packed != null) {
            ByteBuf out = packed;
            packed = null;
            ctx.write(out); // a failure here is as silent as a failed PUBACK always was
        }
    }

    private void release() {
        if (packed != null) {
            packed.release();
            packed = null;
        }
    }
}
