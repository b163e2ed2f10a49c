package io.pitwall.gateway.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PubAckBatcherTest {

    /** Where Netty's MQTT codec keeps a connection's protocol version (set by the decoder at CONNECT). */
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    @Test
    void packsPubAcksIntoTheBytesTheMqttEncoderWrites() {
        for (MqttVersion version : new MqttVersion[] {MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5}) {
            EmbeddedChannel batched = channel(version, true);
            EmbeddedChannel plain = channel(version, false);
            for (int id : new int[] {1, 255, 256, 65_535}) {
                MqttMessage ack = Acks.pubAck(id, ReasonCode.SUCCESS, null);
                assertThat(PubAckBatcher.isPlainPubAck(ack)).isTrue();
                batcher(batched).add(id);
                plain.write(ack);
            }
            batched.flush();
            plain.flush();
            assertThat(hex(batched)).as(version.name()).isEqualTo(hex(plain)).isEqualTo("40020001" + "400200ff" + "40020100" + "4002ffff");
        }
    }

    @Test
    void keepsTheOrderOfEverythingElseWrittenInBetween() {
        EmbeddedChannel batched = channel(MqttVersion.MQTT_5, true);
        EmbeddedChannel plain = channel(MqttVersion.MQTT_5, false);
        PubAckBatcher packer = batcher(batched);
        packer.add(1);
        batched.write(Acks.pubAck(2, ReasonCode.PAYLOAD_FORMAT_INVALID, "no")); // not plain: through the encoder
        packer.add(3);
        batched.write(publish()); // something else in between
        packer.add(4);
        batched.flush();
        packer.add(5);
        batched.close(); // never flushed: dropped, like any unflushed write
        plain.write(Acks.pubAck(1, ReasonCode.SUCCESS, null));
        plain.write(Acks.pubAck(2, ReasonCode.PAYLOAD_FORMAT_INVALID, "no"));
        plain.write(Acks.pubAck(3, ReasonCode.SUCCESS, null));
        plain.write(publish());
        plain.write(Acks.pubAck(4, ReasonCode.SUCCESS, null));
        plain.flush();
        assertThat(hex(batched)).isEqualTo(hex(plain));
        assertThat(PubAckBatcher.isPlainPubAck(Acks.pubAck(2, ReasonCode.PAYLOAD_FORMAT_INVALID, null))).isFalse();
        assertThat(PubAckBatcher.isPlainPubAck(Acks.pubRec(2, ReasonCode.SUCCESS, null))).isFalse();
    }

    @Test
    void dropsWhatIsPackedWhenTheConnectionCloses() {
        EmbeddedChannel ch = channel(MqttVersion.MQTT_3_1_1, true);
        PubAckBatcher packer = batcher(ch);
        packer.add(1);
        ch.close();
        packer.add(2); // after the close: ignored
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    private static EmbeddedChannel channel(MqttVersion version, boolean batched) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.attr(VERSION).set(version);
        ch.pipeline().addLast(MqttEncoder.INSTANCE);
        if (batched) {
            ch.pipeline().addLast(new PubAckBatcher());
        }
        return ch;
    }

    private static PubAckBatcher batcher(EmbeddedChannel ch) {
        return ch.pipeline().get(PubAckBatcher.class);
    }

    private static MqttMessage publish() {
        return MqttMessageBuilders.publish().topicName("t").qos(MqttQoS.AT_MOST_ONCE)
                .payload(Unpooled.copiedBuffer("x", StandardCharsets.UTF_8)).build();
    }

    private static String hex(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf; (buf = ch.readOutbound()) != null; ) {
            out.append(ByteBufUtil.hexDump(buf));
            buf.release();
        }
        return out.toString();
    }
}
