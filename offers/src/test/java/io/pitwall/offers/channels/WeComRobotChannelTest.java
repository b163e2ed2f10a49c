package io.pitwall.offers.channels;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.owners.Channel;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WeComRobotChannelTest {

    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(40));
    private static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Duration> waits = new ArrayList<>();
    private ReceiverServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private WeComRobotChannel channel(WeComRobotChannel.Format format, ReceiverServer.Response... script) throws Exception {
        receiver = new ReceiverServer(script);
        return new WeComRobotChannel(client, receiver.uri("/cgi-bin/webhook/send?key=robot-key-123"), format, Duration.ofSeconds(10),
                RETRY, waits::add);
    }

    @Test
    void postsAMarkdownMessageInTheRobotFormat() throws Exception {
        DeliveryOutcome outcome = channel(WeComRobotChannel.Format.MARKDOWN, new ReceiverServer.Response(200, OK)).deliver(Offers.offer());

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.channel()).isEqualTo(Channel.WECOM);
        assertThat(outcome.detail()).isEqualTo("errcode-0").doesNotContain("robot-key-123");
        JsonNode sent = Json.mapper().readTree(receiver.received().get(0).body());
        assertThat(sent.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(sent.get("markdown").get("content").asText()).isEqualTo("**刹车片即将到达更换线**\n根据车辆数据，您的刹车片预计约812公里后需要更换。\n"
                + "[一键预约](https://book.pitwall.example/b?offer=3f1c7e0a-offer)");
        assertThat(sent.size()).isEqualTo(2);
    }

    @Test
    void postsATextMessageWhenConfigured() throws Exception {
        channel(WeComRobotChannel.Format.TEXT, new ReceiverServer.Response(200, OK))
                .deliver(Offers.offer("en", "Brake pads", "About 800 km left."));
        JsonNode sent = Json.mapper().readTree(receiver.received().get(0).body());
        assertThat(sent.get("msgtype").asText()).isEqualTo("text");
        assertThat(sent.get("text").get("content").asText())
                .isEqualTo("Brake pads\nAbout 800 km left.\nBook now: https://book.pitwall.example/b?offer=3f1c7e0a-offer");
    }

    @Test
    void escapesMarkdownInTheOfferText() throws Exception {
        WeComRobotChannel channel = channel(WeComRobotChannel.Format.MARKDOWN);
        assertThat(channel.content(Offers.offer("en", "*Hi*", "[click](http://evil) <b>")))
                .startsWith("**\\*Hi\\***\n\\[click\\](http://evil) &lt;b&gt;");
    }

    @Test
    void retriesTheRateLimitErrcodeThenDelivers() throws Exception {
        DeliveryOutcome outcome = channel(WeComRobotChannel.Format.MARKDOWN,
                new ReceiverServer.Response(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"),
                new ReceiverServer.Response(200, OK)).deliver(Offers.offer());
        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(10));
    }

    @Test
    void anotherErrcodeIsAPermanentRefusalDespiteHttp200() throws Exception {
        DeliveryOutcome outcome = channel(WeComRobotChannel.Format.MARKDOWN,
                new ReceiverServer.Response(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")).deliver(Offers.offer());
        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.REJECTED);
        assertThat(outcome.detail()).isEqualTo("errcode-93000");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void anUnreadableAnswerIsARefusal() throws Exception {
        assertThat(channel(WeComRobotChannel.Format.MARKDOWN, new ReceiverServer.Response(200, "<html>"))
                .deliver(Offers.offer()).detail()).isEqualTo("unreadable-response");
    }

    @Test
    void serverErrorsAreRetriedUntilDeadLettered() throws Exception {
        DeliveryOutcome outcome = channel(WeComRobotChannel.Format.MARKDOWN, new ReceiverServer.Response(502, "")).deliver(Offers.offer());
        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.DEAD_LETTERED);
        assertThat(outcome.attempts()).isEqualTo(3);
    }

    @Test
    void contentOverTheLimitIsRefusedWithoutSending() throws Exception {
        String body = "刹".repeat(700);
        DeliveryOutcome outcome = channel(WeComRobotChannel.Format.TEXT).deliver(Offers.offer("zh-CN", "t", body));
        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.REJECTED);
        assertThat(outcome.detail()).isEqualTo("content-too-long");
        assertThat(outcome.attempts()).isZero();
        assertThat(receiver.received()).isEmpty();
    }
}
