package io.pitwall.offers.channels;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * Delivers an offer as a signed HTTP webhook (CONTRACTS section 4): POST of the {@link ServiceOffer}
 * JSON with {@code X-Pitwall-Signature: sha256=<hex HMAC-SHA256 of the body>} and
 * {@code Idempotency-Key: <offer id>}, so the receiver can verify it and drop repeats. 2xx is
 * delivered; 5xx, 408, 429, timeouts and connection errors are retried with exponential backoff;
 * any other 4xx is refused for good (retrying an invalid request cannot help); after the last
 * attempt the delivery is dead-lettered. Thread-safe.
 */
public final class SignedWebhookChannel {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final HmacSignature signature;
    private final HttpDelivery delivery;

    public SignedWebhookChannel(HttpClient client, URI endpoint, HmacSignature signature, Duration requestTimeout,
                                RetryPolicy retry, Sleeper sleeper) {
        this.signature = signature;
        this.delivery = new HttpDelivery(client, endpoint, requestTimeout, retry, sleeper, Channel.WEBHOOK);
    }

    public DeliveryOutcome deliver(ServiceOffer offer) {
        byte[] body = Json.write(offer);
        return delivery.post(body, Map.of(HmacSignature.HEADER, signature.sign(body), IDEMPOTENCY_HEADER, offer.offerId()),
                SignedWebhookChannel::classify);
    }

    static HttpDelivery.Classification classify(int status, String body) {
        String detail = "http-" + status;
        if (status >= 200 && status < 300) {
            return new HttpDelivery.Classification(HttpDelivery.Verdict.SUCCESS, detail);
        }
        if (status >= 500 || status == 408 || status == 429) {
            return new HttpDelivery.Classification(HttpDelivery.Verdict.RETRY, detail);
        }
        return new HttpDelivery.Classification(HttpDelivery.Verdict.REJECT, detail);
    }
}
