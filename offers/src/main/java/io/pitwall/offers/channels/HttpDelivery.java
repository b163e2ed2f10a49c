package io.pitwall.offers.channels;

import io.pitwall.contracts.owners.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs one payload with retries: an I/O error or timeout, and whatever the channel's classifier
 * calls transient, is retried with backoff; a permanent refusal stops at once. Shared by the HTTP
 * channels so that each of them only says how to read its receiver's answers.
 */
final class HttpDelivery {

    enum Verdict { SUCCESS, RETRY, REJECT }

    record Classification(Verdict verdict, String detail) {
    }

    @FunctionalInterface
    interface Classifier {
        Classification classify(int status, String body);
    }

    private final HttpClient client;
    private final URI target;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Channel channel;

    HttpDelivery(HttpClient client, URI target, Duration requestTimeout, RetryPolicy retry, Sleeper sleeper, Channel channel) {
        this.client = client;
        this.target = target;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.sleeper = sleeper;
        this.channel = channel;
    }

    DeliveryOutcome post(byte[] body, Map<String, String> headers, Classifier classifier) {
        Integer lastStatus = null;
        String lastDetail = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                try {
                    sleeper.sleep(retry.backoffBefore(attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new DeliveryOutcome(DeliveryOutcome.Status.DEAD_LETTERED, channel, attempt - 1, lastStatus, "interrupted", body);
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(requestTimeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                lastStatus = response.statusCode();
                Classification c = classifier.classify(response.statusCode(), response.body());
                lastDetail = c.detail();
                if (c.verdict() == Verdict.SUCCESS) {
                    return new DeliveryOutcome(DeliveryOutcome.Status.DELIVERED, channel, attempt, lastStatus, c.detail(), body);
                }
                if (c.verdict() == Verdict.REJECT) {
                    return new DeliveryOutcome(DeliveryOutcome.Status.REJECTED, channel, attempt, lastStatus, c.detail(), body);
                }
            } catch (HttpTimeoutException e) {
                lastStatus = null;
                lastDetail = "timeout";
            } catch (IOException e) {
                lastStatus = null;
                lastDetail = "io-error: " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new DeliveryOutcome(DeliveryOutcome.Status.DEAD_LETTERED, channel, attempt, lastStatus, "interrupted", body);
            }
        }
        return new DeliveryOutcome(DeliveryOutcome.Status.DEAD_LETTERED, channel, retry.maxAttempts(), lastStatus, lastDetail, body);
    }
}
