package io.pitwall.offers.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Posts an offer to a WeCom (enterprise WeChat) group robot, e.g. the owner's service group with
 * their advisor: {@code {"msgtype":"markdown","markdown":{"content":...}}} or
 * {@code {"msgtype":"text","text":{"content":...}}} to the robot's webhook URL
 * ({@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...}). WeCom answers HTTP 200 with
 * {@code {"errcode":0,"errmsg":"ok"}} on success; errcode 45009 (rate limit: 20 messages a minute
 * per robot) and -1 (system busy) are retried, any other errcode is a permanent refusal. Content is
 * limited to 4,096 UTF-8 bytes (markdown) or 2,048 (text); longer offers are refused without
 * sending. The URL holds the robot's key, so it never appears in outcomes or logs. Thread-safe.
 */
public final class WeComRobotChannel {

    public enum Format { MARKDOWN, TEXT }

    public static final int MARKDOWN_MAX_BYTES = 4096;
    public static final int TEXT_MAX_BYTES = 2048;
    static final int ERRCODE_RATE_LIMIT = 45009;
    static final int ERRCODE_BUSY = -1;

    private final Format format;
    private final HttpDelivery delivery;

    public WeComRobotChannel(HttpClient client, URI robotUrl, Format format, Duration requestTimeout, RetryPolicy retry,
                             Sleeper sleeper) {
        this.format = format;
        this.delivery = new HttpDelivery(client, robotUrl, requestTimeout, retry, sleeper, Channel.WECOM);
    }

    public DeliveryOutcome deliver(ServiceOffer offer) {
        String content = content(offer);
        int limit = format == Format.MARKDOWN ? MARKDOWN_MAX_BYTES : TEXT_MAX_BYTES;
        byte[] body = body(content);
        if (content.getBytes(StandardCharsets.UTF_8).length > limit) {
            return new DeliveryOutcome(DeliveryOutcome.Status.REJECTED, Channel.WECOM, 0, null, "content-too-long", body);
        }
        return delivery.post(body, Map.of(), WeComRobotChannel::classify);
    }

    /** The message text: title, body and the booking link, in the chosen format. */
    public String content(ServiceOffer offer) {
        boolean chinese = offer.locale() != null && offer.locale().startsWith("zh");
        String book = chinese ? "一键预约" : "Book now";
        if (format == Format.TEXT) {
            return offer.title() + "\n" + offer.body() + (offer.bookingUrl() == null ? "" : "\n" + book + ": " + offer.bookingUrl());
        }
        return "**" + markdownSafe(offer.title()) + "**\n" + markdownSafe(offer.body())
                + (offer.bookingUrl() == null ? "" : "\n[" + book + "](" + offer.bookingUrl() + ")");
    }

    byte[] body(String content) {
        ObjectNode root = Json.mapper().createObjectNode();
        String type = format == Format.MARKDOWN ? "markdown" : "text";
        root.put("msgtype", type);
        root.putObject(type).put("content", content);
        return Json.write(root);
    }

    static HttpDelivery.Classification classify(int status, String body) {
        if (status >= 500 || status == 429) {
            return new HttpDelivery.Classification(HttpDelivery.Verdict.RETRY, "http-" + status);
        }
        if (status != 200) {
            return new HttpDelivery.Classification(HttpDelivery.Verdict.REJECT, "http-" + status);
        }
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(body);
        } catch (IOException e) {
            return new HttpDelivery.Classification(HttpDelivery.Verdict.REJECT, "unreadable-response");
        }
        if (answer == null || !answer.path("errcode").isInt()) {
            return new HttpDelivery.Classification(HttpDelivery.Verdict.REJECT, "unreadable-response");
        }
        int errcode = answer.get("errcode").asInt();
        String detail = "errcode-" + errcode;
        if (errcode == 0) {
            return new HttpDelivery.Classification(HttpDelivery.Verdict.SUCCESS, detail);
        }
        if (errcode == ERRCODE_RATE_LIMIT || errcode == ERRCODE_BUSY) {
            return new HttpDelivery.Classification(HttpDelivery.Verdict.RETRY, detail);
        }
        return new HttpDelivery.Classification(HttpDelivery.Verdict.REJECT, detail);
    }

    /** Offer text is plain; characters WeCom markdown would read as formatting or links are escaped. */
    private static String markdownSafe(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("*", "\\*").replace("[", "\\[").replace("]", "\\]")
                .replace("<", "&lt;").replace(">", "&gt;");
    }
}
