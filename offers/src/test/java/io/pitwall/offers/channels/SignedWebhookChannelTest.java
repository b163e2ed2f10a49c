package io.pitwall.offers.channels;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignedWebhookChannelTest {

    private static final HmacSignature SIGNATURE = HmacSignature.ofUtf8("webhook-secret-webhook-secret-32b");
    private static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofMillis(100), 2.0, Duration.ofMillis(250));
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Duration> waits = new ArrayList<>();
    private ReceiverServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private SignedWebhookChannel channel(Duration timeout, ReceiverServer.Response... script) throws Exception {
        receiver = new ReceiverServer(script);
        return new SignedWebhookChannel(client, receiver.uri("/hooks/offers"), SIGNATURE, timeout, RETRY, waits::add);
    }

    @Test
    void postsTheOfferJsonSignedOverTheExactBodyWithTheOfferIdAsIdempotencyKey() throws Exception {
        ServiceOffer offer = Offers.offer();
        DeliveryOutcome outcome = channel(Duration.ofSeconds(10), new ReceiverServer.Response(204, "")).deliver(offer);

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(1);
        ReceiverServer.Received request = receiver.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(SIGNATURE.verify(request.body(), request.header("X-Pitwall-Signature"))).isTrue();
        assertThat(request.header("Idempotency-Key")).isEqualTo(offer.offerId());
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(Json.read(request.body(), ServiceOffer.class)).isEqualTo(offer);
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesServerErrorsWithExponentialBackoffThenDelivers() throws Exception {
        DeliveryOutcome outcome = channel(Duration.ofSeconds(10), new ReceiverServer.Response(503, ""),
                new ReceiverServer.Response(500, ""), new ReceiverServer.Response(200, "ok")).deliver(Offers.offer());

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        List<ReceiverServer.Received> requests = receiver.received();
        assertThat(requests).extracting(r -> r.header("Idempotency-Key")).containsOnly(Offers.offer().offerId());
        assertThat(requests).extracting(ReceiverServer.Received::text).containsOnly(requests.get(0).text());
    }

    @Test
    void doesNotRetryAClientError() throws Exception {
        DeliveryOutcome outcome = channel(Duration.ofSeconds(10), new ReceiverServer.Response(400, "bad")).deliver(Offers.offer());

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.REJECTED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.httpStatus()).isEqualTo(400);
        assertThat(receiver.received()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesTooManyRequests() throws Exception {
        assertThat(channel(Duration.ofSeconds(10), new ReceiverServer.Response(429, ""), new ReceiverServer.Response(202, ""))
                .deliver(Offers.offer()).attempts()).isEqualTo(2);
    }

    @Test
    void deadLettersAfterTheLastAttemptWithTheExactPayload() throws Exception {
        ServiceOffer offer = Offers.offer();
        DeliveryOutcome outcome = channel(Duration.ofSeconds(10), new ReceiverServer.Response(502, "")).deliver(offer);

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.DEAD_LETTERED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.detail()).isEqualTo("http-502");
        assertThat(receiver.received()).hasSize(4);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        assertThat(outcome.payload()).isEqualTo(receiver.received().get(0).body());

        OfferEvent event = outcome.toOfferEvent(offer.offerId(), offer.ownerId(), Instant.ofEpochMilli(5));
        assertThat(event.type()).isEqualTo(OfferEventType.DELIVERY_FAILED);
        assertThat(event.channel()).isEqualTo(Channel.WEBHOOK);
        assertThat(event.attributes()).containsEntry("failure", "dead-lettered").containsEntry("attempts", "4")
                .containsEntry("httpStatus", "502");
    }

    @Test
    void retriesATimeout() throws Exception {
        DeliveryOutcome outcome = channel(Duration.ofMillis(300), new ReceiverServer.Response(-1, ""),
                new ReceiverServer.Response(200, "")).deliver(Offers.offer());

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
    }

    @Test
    void retriesARefusedConnectionAndDeadLettersIt() throws Exception {
        channel(Duration.ofSeconds(2));
        java.net.URI closed = receiver.uri("/gone");
        receiver.close();
        SignedWebhookChannel toNowhere = new SignedWebhookChannel(client, closed, SIGNATURE, Duration.ofSeconds(2), RETRY, waits::add);

        DeliveryOutcome outcome = toNowhere.deliver(Offers.offer());

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.DEAD_LETTERED);
        assertThat(outcome.httpStatus()).isNull();
        assertThat(outcome.detail()).startsWith("io-error");
    }

    @Test
    void aDeliveredOutcomeIsADeliveredEventWithAStableId() throws Exception {
        DeliveryOutcome outcome = channel(Duration.ofSeconds(10), new ReceiverServer.Response(200, "")).deliver(Offers.offer());
        OfferEvent first = outcome.toOfferEvent("o-1", "OWN-1", Instant.ofEpochMilli(10));
        OfferEvent again = outcome.toOfferEvent("o-1", "OWN-1", Instant.ofEpochMilli(99));
        assertThat(first.type()).isEqualTo(OfferEventType.DELIVERED);
        assertThat(first.eventId()).isEqualTo(again.eventId());
        assertThat(first.attributes()).doesNotContainKey("failure");
    }
}
