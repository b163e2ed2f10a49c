package io.pitwall.gateway.downlink;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.contracts.Vin;
import io.pitwall.contracts.notices.Notice;
import io.pitwall.contracts.notices.VehicleNoticeRecord;
import io.pitwall.gateway.mqtt.GatewayCounters;
import io.pitwall.gateway.session.OutboundMessage;
import io.pitwall.gateway.session.Router;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.regex.Pattern;
import java.util.Properties;

/**
 * Reads {@code vehicle.notices} and hands each notice to the sessions of its vehicle on this node
 * that subscribed to {@code v1/vehicles/{vin}/notices}: sent at QoS 1 to a connected vehicle,
 * queued (bounded) for an offline persistent session, dropped once its {@code expiresAt} passed.
 * Every node reads every partition under its own consumer group, because a vehicle may be
 * connected to any node behind the load balancer (docs/gateway.md).
 */
public final class NoticeConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Router router;
    private final GatewayCounters counters;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean started;
    private volatile boolean assigned;

    public NoticeConsumer(String bootstrapServers, String topic, String gatewayId, Router router,
                          GatewayCounters counters) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "pitwall-gateway-notices-" + gatewayId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "pitwall-gateway-notices-" + gatewayId);
        // A fresh node has no sessions yet: older notices have no one here to go to.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // Never create the topic (its partitioning is the deployment's choice), and notice it
        // within half a minute if it is created after the gateway started.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 30_000);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.router = router;
        this.counters = counters;
        thread = new Thread(this::run, "pitwall-notices");
        thread.setDaemon(true);
    }

    public void start() {
        started = true;
        thread.start();
    }

    private void run() {
        try {
            // A pattern, unlike a name, does not warn on every metadata refresh while the topic is missing.
            consumer.subscribe(Pattern.compile(Pattern.quote(topic)), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned = false;
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // Resolve the starting offsets now, so "assigned" means notices produced from here on arrive.
                    partitions.forEach(consumer::position);
                    assigned = !partitions.isEmpty();
                    LOG.info("Reading notices from {}", partitions);
                }
            });
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    deliver(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Notice consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    void deliver(ConsumerRecord<String, byte[]> record) {
        VehicleNoticeRecord notice;
        try {
            notice = Json.read(record.value(), VehicleNoticeRecord.class);
        } catch (RuntimeException e) {
            counters.increment("notice.invalid");
            LOG.warn("Skipped an unreadable notice at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (notice == null || notice.notice() == null || notice.vin() == null || !Vin.isValid(notice.vin())) {
            counters.increment("notice.invalid");
            LOG.warn("Skipped a notice without a valid VIN or body at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        deliver(notice.vin(), notice.notice());
    }

    /** Routes one notice; returns how many sessions it went to. */
    public int deliver(String vin, Notice notice) {
        long expiresAt = notice.expiresAt() == null ? 0 : notice.expiresAt();
        if (expiresAt > 0 && expiresAt <= System.currentTimeMillis()) {
            counters.increment("notice.expired");
            return 0;
        }
        String topicName = new VehicleTopic(vin, VehicleTopic.Channel.NOTICES).topic();
        int sessions = router.route(vin, new OutboundMessage(topicName, Json.write(notice), 1, false, expiresAt)).sessions();
        counters.increment(sessions > 0 ? "notice.routed" : "notice.no-session-here");
        return sessions;
    }

    /** True once the consumer has its partitions: notices produced from now on reach this node. */
    public boolean assigned() {
        return assigned;
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close(Duration.ofSeconds(2));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
