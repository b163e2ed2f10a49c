package io.pitwall.jobs.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.OfferDeadLetter;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.channels.DeliveryOutcome;
import io.pitwall.offers.channels.HmacSignature;
import io.pitwall.offers.channels.RetryPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing a sent offer to its channel adapter, against a real HTTP server on loopback. */
class ChannelRouterTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private HttpServer server;
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    private String start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                signatures.add(HmacSignature.ofUtf8(SECRET).verify(body, exchange.getRequestHeaders().getFirst(HmacSignature.HEADER))
                        ? "valid" : "invalid");
                exchange.sendResponseHeaders(status.get(), -1);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static ServiceOffer offer(Channel channel) {
        return new ServiceOffer(ServiceOffer.SCHEMA_VERSION, "offer-1", "OWN-1", "LSVAU2180N2000001", "BRAKE_SERVICE", Decision.SENT,
                null, channel, Tier.MID, Lifecycle.ACTIVE, null, null, "t-1", "en", "Brakes", "Book now", "http://b/?offer=offer-1",
                ServiceOffer.TRIGGER_ALERT, "a-1", 1L, 2L, null);
    }

    private static DeliverySettings settings(String url) {
        return DeliverySettings.none().withWebhook(url, SECRET)
                .withRetry(new RetryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(20)));
    }

    @Test
    void wecomWithoutARobotAndAppGoToTheSignedWebhookUnderTheirOwnChannel() throws Exception {
        ChannelRouter router = new ChannelRouter(settings(start()));

        DeliveryOutcome wecom = router.deliver(offer(Channel.WECOM));
        DeliveryOutcome app = router.deliver(offer(Channel.APP));

        assertThat(wecom.delivered()).isTrue();
        assertThat(wecom.channel()).isEqualTo(Channel.WECOM);
        assertThat(app.channel()).isEqualTo(Channel.APP);
        assertThat(signatures).containsExactly("valid", "valid");
    }

    @Test
    void aChannelThatKeepsFailingIsDeadLetteredWithTheExactBody() throws Exception {
        String url = start();
        status.set(503);
        DeliveryOutcome outcome = new ChannelRouter(settings(url)).deliver(offer(Channel.WEBHOOK));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(3);
        DeliveryResult result = OfferDelivery.toResult(offer(Channel.WEBHOOK), outcome, Instant.ofEpochMilli(5), new SimpleCounter(),
                new SimpleCounter());
        OfferEvent event = Json.read(result.eventJson, OfferEvent.class);
        assertThat(event.type()).isEqualTo(OfferEventType.DELIVERY_FAILED);
        OfferDeadLetter letter = Json.read(result.deadLetterJson, OfferDeadLetter.class);
        assertThat(letter.httpStatus()).isEqualTo(503);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(Json.read(letter.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8), ServiceOffer.class))
                .isEqualTo(offer(Channel.WEBHOOK));
    }

    @Test
    void withoutAnEndpointTheOfferFailsAtOnceNamingWhy() {
        DeliveryOutcome outcome = new ChannelRouter(DeliverySettings.none()).deliver(offer(Channel.APP));

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.REJECTED);
        assertThat(outcome.detail()).isEqualTo("no-endpoint-configured");
        assertThat(outcome.attempts()).isZero();
    }
}
