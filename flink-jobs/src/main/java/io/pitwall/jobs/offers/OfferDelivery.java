package io.pitwall.jobs.offers;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.OfferDeadLetter;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.offers.channels.DeliveryOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers sent offers over HTTP with Flink's async I/O, so a slow or failing channel (retries
 * back off for seconds) never stalls the decisions: up to the operator's capacity, deliveries run
 * on a pool of {@code threads}. Each ends as an {@code offer.events} record (DELIVERED or
 * DELIVERY_FAILED) and, on failure, a dead letter with the exact body. At least once: after a
 * restore an offer may be posted again with the same idempotency key, which receivers dedupe on.
 */
public final class OfferDelivery extends RichAsyncFunction<ServiceOffer, DeliveryResult> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OfferDelivery.class);

    private final DeliverySettings settings;

    private transient ChannelRouter router;
    private transient ExecutorService pool;
    private transient Counter delivered;
    private transient Counter failed;

    public OfferDelivery(DeliverySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        router = new ChannelRouter(settings);
        pool = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "offer-delivery");
            thread.setDaemon(true);
            return thread;
        });
        delivered = getRuntimeContext().getMetricGroup().counter("offersDelivered");
        failed = getRuntimeContext().getMetricGroup().counter("offersDeliveryFailed");
    }

    @Override
    public void asyncInvoke(ServiceOffer offer, ResultFuture<DeliveryResult> result) {
        CompletableFuture.supplyAsync(() -> router.deliver(offer), pool)
                .whenComplete((outcome, error) -> {
                    DeliveryOutcome o = error == null ? outcome : new DeliveryOutcome(DeliveryOutcome.Status.DEAD_LETTERED,
                            offer.channel(), 0, null, "error: " + error, Json.write(offer));
                    result.complete(List.of(toResult(offer, o, Instant.now(), delivered, failed)));
                });
    }

    /** Flink's default would fail the job; a delivery that outlives its worst case is a failed one. */
    @Override
    public void timeout(ServiceOffer offer, ResultFuture<DeliveryResult> result) {
        result.complete(List.of(toResult(offer, new DeliveryOutcome(DeliveryOutcome.Status.DEAD_LETTERED, offer.channel(), 0,
                null, "timeout", Json.write(offer)), Instant.now(), delivered, failed)));
    }

    /** The event (and dead letter) of one outcome, counted. */
    static DeliveryResult toResult(ServiceOffer offer, DeliveryOutcome outcome, Instant at, Counter deliveredCount,
                                   Counter failedCount) {
        byte[] event = Json.write(outcome.toOfferEvent(offer.offerId(), offer.ownerId(), at));
        if (outcome.delivered()) {
            deliveredCount.inc();
            return new DeliveryResult(offer.ownerId(), event, null);
        }
        failedCount.inc();
        LOG.warn("Offer {} for owner {} was not delivered on {} after {} attempt(s): {}; dead-lettered to offer.dead-letters",
                offer.offerId(), offer.ownerId(), offer.channel(), outcome.attempts(), outcome.detail());
        OfferDeadLetter letter = new OfferDeadLetter(OfferDeadLetter.SCHEMA_VERSION, offer.offerId(), offer.ownerId(),
                outcome.channel(), outcome.attempts(), outcome.httpStatus(), outcome.detail(), at.toEpochMilli(),
                outcome.payload() == null ? "" : new String(outcome.payload(), StandardCharsets.UTF_8));
        return new DeliveryResult(offer.ownerId(), event, Json.write(letter));
    }

    @Override
    public void close() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
