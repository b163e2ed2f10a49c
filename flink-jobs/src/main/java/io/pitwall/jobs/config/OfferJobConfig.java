package io.pitwall.jobs.config;

import io.pitwall.jobs.offers.DeliverySettings;
import io.pitwall.jobs.offers.OfferSettings;
import io.pitwall.offers.channels.RetryPolicy;
import io.pitwall.offers.channels.WeComRobotChannel;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The offer job's settings, read like {@link JobConfig}'s (flag, then {@code PITWALL_*}
 * environment variable, then the default below; every problem reported at once). The full list
 * with defaults is in docs/configuration.md.
 *
 * @param kafkaBootstrap     Kafka bootstrap servers (required)
 * @param consumerGroup      consumer group (default pitwall-offers)
 * @param topics             topic names (defaults: CONTRACTS section 2, plus offer.dead-letters)
 * @param clickHouseUrl      ClickHouse HTTP endpoint (required)
 * @param clickHouseDatabase default pitwall
 * @param checkpointInterval default 10 s
 * @param parallelism        0 keeps the cluster default
 * @param outOfOrderness     watermark lag behind the newest input (default 5 s)
 * @param idleness           an input silent this long stops holding the watermark back (default 30 s)
 * @param offers             catalogue, templates, wording, quiet hours, caps, booking link
 * @param delivery           channel endpoints and retries
 */
public record OfferJobConfig(String kafkaBootstrap, String consumerGroup, Topics topics, String clickHouseUrl,
                             String clickHouseDatabase, String clickHouseUser, String clickHousePassword,
                             Duration checkpointInterval, int parallelism, Duration outOfOrderness, Duration idleness,
                             Duration bufferTimeout, OfferSettings offers, DeliverySettings delivery) implements Serializable {

    /** The topics the offer job reads and writes. */
    public record Topics(String raw, String alerts, String health, String profiles, String offers, String events,
                         String notices, String deadLetters) implements Serializable {

        public static Topics defaults() {
            return new Topics("telemetry.raw", "vehicle.alerts", "vehicle.health", "owner.profiles", "service.offers",
                    "offer.events", "vehicle.notices", "offer.dead-letters");
        }
    }

    public static OfferJobConfig from(String[] args, Map<String, String> env) {
        Settings s = new Settings(args, env);
        Topics t = Topics.defaults();
        Topics topics = new Topics(s.get("kafka.raw-topic", t.raw()), s.get("kafka.alerts-topic", t.alerts()),
                s.get("kafka.health-topic", t.health()), s.get("kafka.profiles-topic", t.profiles()),
                s.get("kafka.offers-topic", t.offers()), s.get("kafka.offer-events-topic", t.events()),
                s.get("kafka.notices-topic", t.notices()), s.get("kafka.dead-letter-topic", t.deadLetters()));
        OfferSettings d = OfferSettings.defaults();
        OfferSettings offers = new OfferSettings(
                s.get("offers.catalogue", null), s.get("offers.templates", null), s.get("offers.forbidden-terms", null),
                s.get("offers.booking-url", d.bookingBaseUrl()),
                s.getTime("offers.quiet-start", d.quietStart()), s.getTime("offers.quiet-end", d.quietEnd()),
                s.getZone("offers.default-zone", d.defaultZone()), d.caps(),
                s.getMillis("offers.replay-memory-ms", d.decidedRetention()),
                s.getMillis("offers.unowned-wait-ms", d.unownedRetention()),
                (int) s.getLong("offers.unowned-max", d.unownedBuffer()),
                s.getMillis("offers.health-recheck-ms", d.healthRecheck()));
        DeliverySettings n = DeliverySettings.none();
        RetryPolicy r = n.retry();
        DeliverySettings delivery = null;
        try {
            // Blank counts as unset: a container passes an empty variable for a setting left out.
            delivery = new DeliverySettings(blankToNull(s.get("offers.webhook.url", null)),
                    blankToNull(s.get("offers.webhook.secret", null)), blankToNull(s.get("offers.wecom.robot-url", null)),
                    s.getEnum("offers.wecom.format", WeComRobotChannel.Format.class, n.wecomFormat()),
                    s.getMillis("offers.delivery.timeout-ms", n.requestTimeout()),
                    new RetryPolicy((int) s.getLong("offers.delivery.attempts", r.maxAttempts()),
                            s.getMillis("offers.delivery.backoff-ms", r.initialBackoff()), r.multiplier(),
                            s.getMillis("offers.delivery.max-backoff-ms", r.maxBackoff())),
                    (int) s.getLong("offers.delivery.threads", n.threads()));
        } catch (IllegalArgumentException e) {
            s.problem(e.getMessage());
        }
        OfferJobConfig config = new OfferJobConfig(
                s.required("kafka.bootstrap"), s.get("kafka.offers-group", "pitwall-offers"), topics,
                s.required("clickhouse.url"), s.get("clickhouse.database", "pitwall"), s.get("clickhouse.user", "default"),
                s.get("clickhouse.password", ""),
                s.getMillis("checkpoint.interval-ms", Duration.ofSeconds(10)), (int) s.getLong("parallelism", 0),
                s.getMillis("watermark.out-of-orderness-ms", Duration.ofSeconds(5)),
                s.getMillis("watermark.idleness-ms", Duration.ofSeconds(30)),
                s.getMillis("pipeline.buffer-timeout-ms", Duration.ofMillis(10)), offers, delivery);
        s.failOnProblems("Offer job configuration");
        return config;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
