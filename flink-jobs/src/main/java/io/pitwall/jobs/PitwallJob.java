package io.pitwall.jobs;

import io.pitwall.jobs.config.JobConfig;
import io.pitwall.jobs.ingest.RawRecordDeserializer;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.schema.SchemaMigrator;
import io.pitwall.sink.clickhouse.sink.ClickHouseSink;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import io.pitwall.sink.clickhouse.tables.TelemetryRowEncoder;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Pitwall's stream processing. {@link #build} wires the topology from whatever sources and sinks
 * it is given, so tests run it on finite inputs and collecting sinks; {@link #main} plugs in Kafka
 * and ClickHouse. Today it stores every accepted sample in ClickHouse; the health and offer
 * pipelines join here as they land.
 */
public final class PitwallJob {

    public static final String JOB_NAME = "pitwall";

    private PitwallJob() {
    }

    /** Adds the job's operators to {@code env}. */
    public static void build(StreamExecutionEnvironment env, Source<TelemetryRow, ?, ?> telemetrySource,
                             Sink<TelemetryRow> telemetrySink) {
        DataStream<TelemetryRow> samples = env
                .fromSource(telemetrySource, WatermarkStrategy.noWatermarks(), "telemetry.raw")
                .uid("source-telemetry-raw");
        samples.sinkTo(telemetrySink).name("clickhouse-telemetry").uid("sink-clickhouse-telemetry");
    }

    public static KafkaSource<TelemetryRow> kafkaSource(JobConfig config) {
        return KafkaSource.<TelemetryRow>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(config.rawTopic())
                .setGroupId(config.consumerGroup())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("partition.discovery.interval.ms", "30000")
                .build();
    }

    public static ClickHouseSink<TelemetryRow> telemetrySink(ClickHouseSettings settings) {
        return ClickHouseSink.<TelemetryRow>builder()
                .settings(settings)
                .table("telemetry")
                .encoder(new TelemetryRowEncoder())
                .build();
    }

    /** Configures {@code env} from {@code config}, migrates the schema and builds the topology. */
    public static void configure(StreamExecutionEnvironment env, JobConfig config) {
        ClickHouseSettings clickHouse = new ClickHouseSettings(config.clickHouseUrl(), config.clickHouseDatabase(),
                config.clickHouseUser(), config.clickHousePassword());
        new SchemaMigrator(clickHouse).migrate();
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        build(env, kafkaSource(config), telemetrySink(clickHouse));
    }

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.from(args, System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        env.execute(JOB_NAME);
    }
}
