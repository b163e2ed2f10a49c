package io.pitwall.jobs;

import io.pitwall.contracts.alerts.Alert;
import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.sink.clickhouse.PitwallSinks;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import io.pitwall.jobs.config.JobConfig;
import io.pitwall.jobs.health.HealthAssembler;
import io.pitwall.jobs.health.HealthOutputs;
import io.pitwall.jobs.health.battery.LowVoltageBatteryEstimator;
import io.pitwall.jobs.health.battery.TractionBatteryEstimator;
import io.pitwall.jobs.health.brakes.BrakePadEstimator;
import io.pitwall.jobs.health.anomaly.BaselineAnomalyDetector;
import io.pitwall.jobs.health.anomaly.DtcDetector;
import io.pitwall.jobs.health.anomaly.ThresholdAnomalyDetector;
import io.pitwall.jobs.input.RawRecordDeserializer;
import io.pitwall.jobs.input.VehicleInput;
import io.pitwall.jobs.output.KafkaOutputs;
import io.pitwall.jobs.stream.DedupAndOrder;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.schema.SchemaMigrator;
import io.pitwall.sink.clickhouse.sink.ClickHouseSink;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import io.pitwall.sink.clickhouse.tables.TelemetryRowEncoder;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Pitwall's stream processing. {@link #build} wires the topology from whatever source and sinks it
 * is given, so tests run it on finite inputs and collecting sinks; {@link #main} plugs in Kafka
 * and ClickHouse.
 *
 * <pre>
 * telemetry.raw -> every sample -> ClickHouse telemetry;  every event -> ClickHouse vehicle_events
 *               -> keyBy(vin) dedup and order -> (same partitions) thresholds, DTCs, baselines -> vehicle.alerts
 *                       \-> late samples         -> keyBy(vin) brake pads, 12 V, traction --^ (side outputs)
 *                          (side output, counted)        \-> keyBy(vin) assemble ---------> vehicle.health
 * alerts and health also go to ClickHouse (alerts, health_predictions) for the analysts.
 * </pre>
 */
public final class PitwallJob {

    public static final String JOB_NAME = "pitwall";

    private PitwallJob() {
    }

    /** Adds the job's operators to {@code env}. */
    public static void build(StreamExecutionEnvironment env, Source<VehicleInput, ?, ?> source,
                             WatermarkStrategy<VehicleInput> watermarks, JobSinks sinks, AnalysisSettings settings) {
        DataStream<VehicleInput> inputs = env.fromSource(source, watermarks, "telemetry.raw")
                .uid("source-telemetry-raw");

        inputs.filter(VehicleInput::isSample).name("samples").uid("samples")
                .map(PitwallJob::toRow).name("to-telemetry-row").uid("to-telemetry-row")
                .sinkTo(sinks.telemetry()).name("clickhouse-telemetry").uid("sink-clickhouse-telemetry");
        inputs.filter(input -> !input.isSample()).name("events").uid("events")
                .map(PitwallJob::toEvent).returns(VehicleEvent.class).name("to-vehicle-event").uid("to-vehicle-event")
                .sinkTo(sinks.events()).name("clickhouse-vehicle-events").uid("sink-clickhouse-vehicle-events");

        SingleOutputStreamOperator<VehicleInput> gated = inputs
                .keyBy(VehicleInput::getVin)
                .process(new DedupAndOrder(settings.allowedLateness(), settings.dedupRetention()))
                .name("dedup-and-order").uid("dedup-and-order");
        // The gate's output is already partitioned by VIN, so the detectors reuse that partitioning
        // and chain to the gate instead of shuffling every record a second time.
        KeyedStream<VehicleInput, String> perVehicle =
                DataStreamUtils.reinterpretAsKeyedStream(gated, VehicleInput::getVin, Types.STRING);

        DataStream<Alert> thresholdAlerts = perVehicle
                .process(new ThresholdAnomalyDetector(settings.thresholdRules()))
                .name("threshold-anomalies").uid("threshold-anomalies");
        DataStream<Alert> dtcAlerts = perVehicle
                .process(new DtcDetector(settings.criticalDtcs()))
                .name("dtc-alerts").uid("dtc-alerts");

        DataStream<Alert> baselineAlerts = perVehicle
                .process(new BaselineAnomalyDetector(settings.baselines()))
                .name("baseline-anomalies").uid("baseline-anomalies");

        SingleOutputStreamOperator<HealthPrediction> brakes = perVehicle
                .process(new BrakePadEstimator(settings.brakes()))
                .name("brake-pads").uid("brake-pads");
        SingleOutputStreamOperator<HealthPrediction> lowVoltage = perVehicle
                .process(new LowVoltageBatteryEstimator(settings.lowVoltageBattery()))
                .name("12v-battery").uid("12v-battery");
        SingleOutputStreamOperator<HealthPrediction> traction = perVehicle
                .process(new TractionBatteryEstimator(settings.tractionBattery()))
                .name("traction-battery").uid("traction-battery");

        DataStream<HealthPrediction> health = brakes.union(lowVoltage, traction)
                .keyBy(HealthPrediction::vin)
                .process(new HealthAssembler()).name("health-assembler").uid("health-assembler");
        health.sinkTo(sinks.health()).name("kafka-vehicle-health").uid("sink-kafka-vehicle-health");
        health.sinkTo(sinks.healthStore()).name("clickhouse-health").uid("sink-clickhouse-health");

        DataStream<Alert> alerts = thresholdAlerts.union(dtcAlerts, baselineAlerts,
                brakes.getSideOutput(HealthOutputs.ALERTS),
                lowVoltage.getSideOutput(HealthOutputs.ALERTS),
                traction.getSideOutput(HealthOutputs.ALERTS));
        alerts.sinkTo(sinks.alerts()).name("kafka-vehicle-alerts").uid("sink-kafka-vehicle-alerts");
        alerts.sinkTo(sinks.alertStore()).name("clickhouse-alerts").uid("sink-clickhouse-alerts");
    }

    /** Back to the contract's event, for storage; the detail is parsed from the JSON kept with it. */
    static VehicleEvent toEvent(VehicleInput event) {
        return new VehicleEvent(event.vin, event.seq, event.ts, EventType.valueOf(event.eventType), event.code,
                event.detailJson == null ? null : Json.read(event.detailJson.getBytes(StandardCharsets.UTF_8),
                        JsonNode.class));
    }

    static TelemetryRow toRow(VehicleInput sample) {
        return new TelemetryRow(sample.vin, sample.seq, sample.ts, sample.receivedAt, sample.gatewayId, sample.signals);
    }

    /**
     * Event time is the vehicle's own clock. Watermarks trail each partition's newest sample by
     * the out-of-orderness bound, and a silent partition stops holding them back after the
     * idleness timeout.
     */
    public static WatermarkStrategy<VehicleInput> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<VehicleInput>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((input, previous) -> input.ts)
                .withIdleness(idleness);
    }

    public static KafkaSource<VehicleInput> kafkaSource(JobConfig config) {
        return KafkaSource.<VehicleInput>builder()
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
        // Flink ships a network buffer when it is full or after this timeout (default 100 ms per
        // hop); alerts must cross several hops within 100 ms end to end.
        env.setBufferTimeout(config.bufferTimeout().toMillis());
        // No operator mutates its input, so records may be handed on without a defensive copy.
        env.getConfig().enableObjectReuse();
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        ClickHouseSinkOptions options = ClickHouseSinkOptions.DEFAULTS;
        JobSinks sinks = new JobSinks(telemetrySink(clickHouse),
                PitwallSinks.vehicleEvents(clickHouse, options),
                KafkaOutputs.alerts(config.kafkaBootstrap(), config.alertsTopic()),
                PitwallSinks.alerts(clickHouse, options),
                KafkaOutputs.health(config.kafkaBootstrap(), config.healthTopic()),
                PitwallSinks.healthPredictions(clickHouse, options));
        build(env, kafkaSource(config), watermarks(config.outOfOrderness(), config.idleness()), sinks,
                AnalysisSettings.from(config));
    }

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.from(args, System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        env.execute(JOB_NAME);
    }
}
