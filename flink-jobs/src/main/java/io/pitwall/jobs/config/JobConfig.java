package io.pitwall.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The job's settings. Each is read from a command-line flag ({@code --kafka.bootstrap ...}) or,
 * failing that, from an environment variable ({@code PITWALL_KAFKA_BOOTSTRAP}), or takes the
 * default documented here. {@link #from} reports every missing or malformed setting at once.
 *
 * @param kafkaBootstrap      Kafka bootstrap servers (required)
 * @param rawTopic            topic the gateway writes accepted records to (default telemetry.raw)
 * @param consumerGroup       Kafka consumer group of the job (default pitwall-jobs)
 * @param clickHouseUrl       ClickHouse HTTP endpoint, e.g. http://127.0.0.1:8123/ (required)
 * @param clickHouseDatabase  database holding Pitwall's tables (default pitwall)
 * @param clickHouseUser      ClickHouse user (default "default")
 * @param clickHousePassword  ClickHouse password (default empty)
 * @param checkpointInterval  how often state is checkpointed and sinks flush (default 10 s)
 * @param parallelism         operator parallelism; 0 keeps the cluster's default (default 0)
 * @param alertsTopic         where alerts go (default vehicle.alerts)
 * @param healthTopic         where health predictions go (default vehicle.health)
 * @param outOfOrderness      how far behind the newest sample a partition's watermark trails (default 5 s)
 * @param idleness            a partition silent this long stops holding the watermark back (default 30 s)
 * @param allowedLateness     how far behind the watermark a sample may arrive and still be analysed (default 6 h)
 * @param dedupRetention      how long a silent vehicle's dedup state is kept (default 7 days)
 * @param bufferTimeout       longest a record waits in a network buffer between operators (default 10 ms)
 */
public record JobConfig(String kafkaBootstrap, String rawTopic, String consumerGroup, String clickHouseUrl,
                        String clickHouseDatabase, String clickHouseUser, String clickHousePassword,
                        Duration checkpointInterval, int parallelism, String alertsTopic, String healthTopic,
                        Duration outOfOrderness, Duration idleness, Duration allowedLateness,
                        Duration dedupRetention, Duration bufferTimeout) implements Serializable {

    public static JobConfig from(String[] args, Map<String, String> env) {
        Settings s = new Settings(args, env);
        JobConfig config = new JobConfig(
                s.required("kafka.bootstrap"),
                s.get("kafka.raw-topic", "telemetry.raw"),
                s.get("kafka.group", "pitwall-jobs"),
                s.required("clickhouse.url"),
                s.get("clickhouse.database", "pitwall"),
                s.get("clickhouse.user", "default"),
                s.get("clickhouse.password", ""),
                Duration.ofMillis(s.getLong("checkpoint.interval-ms", 10_000)),
                (int) s.getLong("parallelism", 0),
                s.get("kafka.alerts-topic", "vehicle.alerts"),
                s.get("kafka.health-topic", "vehicle.health"),
                Duration.ofMillis(s.getLong("watermark.out-of-orderness-ms", 5_000)),
                Duration.ofMillis(s.getLong("watermark.idleness-ms", 30_000)),
                Duration.ofMillis(s.getLong("analysis.allowed-lateness-ms", Duration.ofHours(6).toMillis())),
                Duration.ofMillis(s.getLong("dedup.retention-ms", Duration.ofDays(7).toMillis())),
                Duration.ofMillis(s.getLong("pipeline.buffer-timeout-ms", 10)));
        s.failOnProblems("Job configuration");
        return config;
    }
}
