package io.pitwall.local;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.offers.ServiceOffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the pipeline's outputs as their consumers would - alerts and health as the customer-journey
 * system, offers and their events as the channel team - and shows alerts, offers and bookings as
 * lines, so the local run shows the pipeline's judgements as the fleet drives. Times are the
 * fleet's (simulated) clock, in UTC.
 */
final class LiveTicker implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong healthUpdates = new AtomicLong();
    private final AtomicLong offersSent = new AtomicLong();
    private final AtomicLong offersNotSent = new AtomicLong();
    private final AtomicLong bookings = new AtomicLong();
    private final Thread thread;
    private final Consumer<String> show;
    private volatile boolean running = true;

    LiveTicker(String bootstrap, Consumer<String> show) {
        this.show = show;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // From the start of each topic, skipping what earlier runs wrote (the broker keeps its data
        // under the work dir): the first alerts come within seconds, before a consumer that starts
        // at "latest" would have its partitions.
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "pitwall-local-run-ticker-" + ProcessHandle.current().pid());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long startedAt = System.currentTimeMillis();
        thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("vehicle.alerts", "vehicle.health", "service.offers", "offer.events"));
                while (running) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                        if (r.timestamp() >= startedAt) {
                            take(r);
                        }
                    });
                }
            }
        }, "live-ticker");
        thread.setDaemon(true);
        thread.start();
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        switch (r.topic()) {
            case "vehicle.health" -> healthUpdates.incrementAndGet();
            case "vehicle.alerts" -> {
                alerts.incrementAndGet();
                show.accept(describe(Json.read(r.value(), Alert.class)));
            }
            case "service.offers" -> {
                ServiceOffer offer = Json.read(r.value(), ServiceOffer.class);
                if (offer.decision() == Decision.SENT) {
                    offersSent.incrementAndGet();
                } else {
                    offersNotSent.incrementAndGet();
                }
                if (offer.decision() != Decision.SUPPRESSED) {
                    show.accept(describe(offer));
                }
            }
            case "offer.events" -> {
                OfferEvent event = Json.read(r.value(), OfferEvent.class);
                if (event.type() == OfferEventType.BOOKED) {
                    bookings.incrementAndGet();
                    show.accept(String.format("BOOKED %s  owner %s booked offer %s", TIME.format(Instant.ofEpochMilli(event.at())),
                            event.ownerId(), event.offerId().substring(0, 8)));
                }
            }
            default -> { }
        }
    }

    static String describe(Alert a) {
        return String.format("ALERT  %s  %s  %-20s %-8s %-9s %s", TIME.format(Instant.ofEpochMilli(a.eventTime())),
                a.vin(), a.kind(), a.severity(), a.state(), a.recommendation() == null ? "" : a.recommendation());
    }

    static String describe(ServiceOffer o) {
        String what = o.decision() == Decision.HELD
                ? "held until " + TIME.format(Instant.ofEpochMilli(o.sendAt())) + " (" + o.decisionReason() + ")"
                : o.decision() == Decision.BLOCKED ? "blocked (" + o.decisionReason() + ")"
                : "via " + o.channel() + (o.title() == null ? "" : ": \"" + o.title() + "\"");
        return String.format("OFFER  %s  %s  %-22s %-5s %s %s", TIME.format(Instant.ofEpochMilli(o.decidedAt())), o.vin(),
                o.recommendation(), o.tier(), o.ownerId(), what);
    }

    String counts() {
        return "alerts " + alerts.get() + " | health updates " + healthUpdates.get() + " | offers sent " + offersSent.get()
                + " (not sent " + offersNotSent.get() + ") | booked " + bookings.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
