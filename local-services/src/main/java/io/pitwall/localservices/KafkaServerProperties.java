package io.pitwall.localservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server.properties of a single-node KRaft broker (broker and controller in one process) on
 * loopback, sized for a test machine: replication factor 1 everywhere, small heaps and buffers.
 */
final class KafkaServerProperties {

    private KafkaServerProperties() {
    }

    static Map<String, String> of(int port, int controllerPort, Path logDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // A static voter set: the storage is formatted without --standalone and needs no dynamic quorum.
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());

        // One broker: every internal topic must accept replication factor 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");

        // After a crash (kill) the restarted broker is refused as a duplicate registration until
        // the dead incarnation's session expires: 9 s by default, 3 s here. Heartbeats must be
        // well inside the session.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");

        // Consumers join at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "4");
        // Topics are created on purpose (KafkaBroker.createTopic), so a typo fails instead of creating a topic.
        p.put("auto.create.topics.enable", "false");

        // Small segments and short retention keep the data dir of a test or local run small.
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("log.retention.hours", "24");
        p.put("log.retention.bytes", String.valueOf(256L * 1024 * 1024));
        p.put("log.retention.check.interval.ms", "60000");
        p.put("offsets.topic.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("transaction.state.log.segment.bytes", String.valueOf(16 * 1024 * 1024));

        // Low memory and threads: the broker shares two cores with the tests. The cleaner's dedupe
        // buffer would otherwise take 128 MB of the 512 MB heap.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "4");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    static void write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder("# Written by pitwall-local-services; rewritten on every start.\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(file, text);
    }
}
