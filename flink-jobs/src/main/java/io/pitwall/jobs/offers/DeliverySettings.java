package io.pitwall.jobs.offers;

import io.pitwall.offers.channels.HmacSignature;
import io.pitwall.offers.channels.RetryPolicy;
import io.pitwall.offers.channels.WeComRobotChannel;
import java.io.Serializable;
import java.time.Duration;

/**
 * Where offers for the HTTP channels go. WEBHOOK and APP offers, and WECOM offers when no robot is
 * configured, go to the signed webhook (the WeCom / app / mini-program integration receives it);
 * WECOM offers go to the group robot when {@code wecomRobotUrl} is set. With no endpoint for a
 * channel its offers fail delivery with {@code no-endpoint-configured} and are dead-lettered.
 *
 * @param webhookUrl      signed-webhook endpoint; null for none
 * @param webhookSecret   its HMAC-SHA256 secret, at least 32 bytes; required with the URL
 * @param wecomRobotUrl   WeCom group-robot URL (holds the robot key: keep it out of logs); null for none
 * @param wecomFormat     MARKDOWN (default) or TEXT
 * @param requestTimeout  per HTTP attempt (default 5 s)
 * @param retry           attempts and backoff (default 5 attempts, 0.5 s doubling)
 * @param threads         deliveries in flight at once (default 16)
 */
public record DeliverySettings(String webhookUrl, String webhookSecret, String wecomRobotUrl, WeComRobotChannel.Format wecomFormat,
                               Duration requestTimeout, RetryPolicy retry, int threads) implements Serializable {

    public DeliverySettings {
        if (webhookUrl != null && (webhookSecret == null || webhookSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                < HmacSignature.MIN_SECRET_BYTES)) {
            throw new IllegalArgumentException("the webhook needs a secret of at least " + HmacSignature.MIN_SECRET_BYTES
                    + " bytes (--offers.webhook.secret); generate one with: openssl rand -hex 32");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("delivery threads must be at least 1, was " + threads);
        }
    }

    public static DeliverySettings none() {
        return new DeliverySettings(null, null, null, WeComRobotChannel.Format.MARKDOWN, Duration.ofSeconds(5),
                RetryPolicy.defaults(), 16);
    }

    public DeliverySettings withWebhook(String url, String secret) {
        return new DeliverySettings(url, secret, wecomRobotUrl, wecomFormat, requestTimeout, retry, threads);
    }

    public DeliverySettings withRetry(RetryPolicy other) {
        return new DeliverySettings(webhookUrl, webhookSecret, wecomRobotUrl, wecomFormat, requestTimeout, other, threads);
    }

    /** The longest one delivery can take: every attempt timing out, plus every wait between them, plus slack. */
    public Duration worstCase() {
        Duration total = requestTimeout.multipliedBy(retry.maxAttempts());
        for (int attempt = 2; attempt <= retry.maxAttempts(); attempt++) {
            total = total.plus(retry.backoffBefore(attempt));
        }
        return total.plusSeconds(5);
    }
}
