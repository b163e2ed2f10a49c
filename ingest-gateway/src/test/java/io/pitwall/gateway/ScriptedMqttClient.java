package io.pitwall.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An MQTT client whose every packet the test writes and reads itself (Netty's MQTT codec over a
 * real socket), for what a well-behaved client such as Paho never does: go beyond the Receive
 * Maximum, or vanish between PUBREC and PUBCOMP.
 */
final class ScriptedMqttClient implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
    private final Channel channel;

    ScriptedMqttClient(int port) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // The encoder records the protocol version of the CONNECT, so the decoder reads MQTT 5.
                        ch.pipeline().addLast(new MqttDecoder(1024 * 1024), MqttEncoder.INSTANCE,
                                new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        received.add(copy((MqttMessage) msg));
                                    }
                                });
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
    }

    private static MqttMessage copy(MqttMessage m) {
        if (m instanceof MqttPublishMessage p) {
            try {
                return new MqttPublishMessage(p.fixedHeader(), p.variableHeader(), Unpooled.copiedBuffer(p.payload()));
            } finally {
                p.release();
            }
        }
        return m;
    }

    /** Sends the packets in one flush, so they reach the gateway together. */
    void send(MqttMessage... packets) {
        for (MqttMessage p : packets) {
            channel.write(p);
        }
        channel.flush();
    }

    /** The next packet of this type (others before it are skipped); fails after 10 s. */
    MqttMessage next(MqttMessageType type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            MqttMessage m = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(m).as("a " + type + " within 10 s").isNotNull();
            if (m.fixedHeader().messageType() == type) {
                return m;
            }
        }
    }

    /** The next packet whatever its type; fails after 10 s. */
    MqttMessage next() throws InterruptedException {
        MqttMessage m = received.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a packet within 10 s").isNotNull();
        return m;
    }

    boolean closedWithin(long seconds) {
        return channel.closeFuture().awaitUninterruptibly(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
