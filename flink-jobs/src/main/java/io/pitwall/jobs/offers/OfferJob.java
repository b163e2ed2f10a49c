package io.pitwall.jobs.offers;

import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.jobs.config.OfferJobConfig;
import io.pitwall.jobs.output.KafkaOutputs;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.PitwallSinks;
import io.pitwall.sink.clickhouse.schema.SchemaMigrator;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The offer job: turns vehicle facts into decisions per owner, delivers what may be sent, and
 * stores decisions, events and profiles for the analysts.
 *
 * <pre>
 * vehicle.alerts, vehicle.health, SERVICE_DONE (telemetry.raw) -> keyBy(vin) -+
 * owner.profiles -> keyBy(owner) ownership links -------------> keyBy(vin) ---+-> route to owners -+
 * owner.profiles, OPTED_OUT (offer.events) ----------------------------------------------------------+-> keyBy(owner) decide
 *   decide -> every decision -> service.offers, ClickHouse offers
 *          -> head unit      -> vehicle.notices (+ DELIVERED on offer.events)
 *          -> webhook / app / WeCom -> async delivery -> offer.events (+ offer.dead-letters)
 * offer.events (callbacks too) -> ClickHouse offer_events;  owner.profiles -> ClickHouse owners
 * </pre>
 */
public final class OfferJob {

    public static final String JOB_NAME = "pitwall-offers";
    /** Deliveries in flight per parallel instance; beyond it, the delivery operator backpressures the decider. */
    static final int DELIVERY_CAPACITY = 200;

    private OfferJob() {
    }

    public static void build(StreamExecutionEnvironment env, OfferSources sources, OfferSinks sinks, OfferSettings offers,
                             DeliverySettings delivery, Duration outOfOrderness, Duration idleness) {
        WatermarkStrategy<VehicleFact> factTime = watermarks(outOfOrderness, idleness, (fact, previous) -> fact.time);
        // Owner inputs carry the CRM's and channels' wall-clock times: they must not move the offer clock.
        WatermarkStrategy<OwnerInput> ownerTime = ClockNeutral.<OwnerInput>strategy()
                .withTimestampAssigner((input, previous) -> input.time);

        DataStream<VehicleFact> facts = env.fromSource(sources.alerts(), factTime, "vehicle.alerts").uid("offers-source-alerts")
                .union(env.fromSource(sources.health(), factTime, "vehicle.health").uid("offers-source-health"),
                        env.fromSource(sources.serviceDone(), factTime, "service-done-events").uid("offers-source-service-done"));
        DataStream<OwnerInput> profiles = env.fromSource(sources.profiles(), ownerTime, "owner.profiles")
                .uid("offers-source-profiles");
        DataStream<OwnerInput> optOuts = env.fromSource(sources.optOuts(), ownerTime, "opt-outs").uid("offers-source-opt-outs");

        profiles.filter(input -> input.type == OwnerInput.Type.PROFILE).name("profiles-only").uid("profiles-only")
                .map(OwnerInput::profile).returns(OwnerProfile.class).name("to-owner-profile").uid("to-owner-profile")
                .sinkTo(sinks.ownerStore()).name("clickhouse-owners").uid("sink-clickhouse-owners");

        DataStream<VinLink> links = profiles.keyBy(OwnerInput::getOwnerId)
                .process(new OwnershipLinker()).name("ownership-links").uid("ownership-links");
        DataStream<OwnerInput> ownerFacts = facts.keyBy(VehicleFact::getVin)
                .connect(links.keyBy(VinLink::getVin))
                .process(new VinOwnerRouter(offers.unownedRetention().toMillis(), offers.unownedBuffer()))
                .name("route-to-owners").uid("route-to-owners");

        SingleOutputStreamOperator<ServiceOffer> decisions = ownerFacts.union(profiles, optOuts)
                .keyBy(OwnerInput::getOwnerId)
                .process(new OfferDecider(offers)).name("offer-decisions").uid("offer-decisions");
        decisions.sinkTo(sinks.offers()).name("kafka-service-offers").uid("sink-kafka-service-offers");
        decisions.sinkTo(sinks.offerStore()).name("clickhouse-offers").uid("sink-clickhouse-offers");
        decisions.getSideOutput(OfferDecider.NOTICES)
                .sinkTo(sinks.notices()).name("kafka-vehicle-notices").uid("sink-kafka-vehicle-notices");

        DataStream<DeliveryResult> delivered = AsyncDataStream.unorderedWait(decisions.getSideOutput(OfferDecider.TO_DELIVER),
                        new OfferDelivery(delivery), delivery.worstCase().toMillis(), TimeUnit.MILLISECONDS, DELIVERY_CAPACITY)
                .name("offer-delivery").uid("offer-delivery");
        delivered.map(DeliveryResult::event).name("delivery-events").uid("delivery-events")
                .union(decisions.getSideOutput(OfferDecider.EVENTS))
                .sinkTo(sinks.events()).name("kafka-offer-events").uid("sink-kafka-offer-events");
        delivered.filter(result -> result.deadLetterJson != null).name("failed-deliveries").uid("failed-deliveries")
                .map(DeliveryResult::deadLetter).name("dead-letters").uid("dead-letters")
                .sinkTo(sinks.deadLetters()).name("kafka-offer-dead-letters").uid("sink-kafka-offer-dead-letters");

        env.fromSource(sources.offerEvents(), WatermarkStrategy.noWatermarks(), "offer.events").uid("offers-source-offer-events")
                .sinkTo(sinks.eventStore()).name("clickhouse-offer-events").uid("sink-clickhouse-offer-events");
    }

    private static <T> WatermarkStrategy<T> watermarks(Duration outOfOrderness, Duration idleness,
                                                       SerializableTimestampAssigner<T> time) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(outOfOrderness).withTimestampAssigner(time).withIdleness(idleness);
    }

    public static OfferSources kafkaSources(OfferJobConfig config) {
        OfferJobConfig.Topics t = config.topics();
        return new OfferSources(
                source(config, "alerts", t.alerts(), new FactDeserializer(FactKind.ALERT)),
                source(config, "health", t.health(), new FactDeserializer(FactKind.HEALTH)),
                source(config, "service-done", t.raw(), new FactDeserializer(FactKind.SERVICE_DONE)),
                source(config, "profiles", t.profiles(), new OwnerInputDeserializer(OwnerInputDeserializer.Source.PROFILES)),
                source(config, "opt-outs", t.events(), new OwnerInputDeserializer(OwnerInputDeserializer.Source.OPT_OUTS)),
                source(config, "offer-events", t.events(), new OfferEventDeserializer()));
    }

    /**
     * Each source commits its offsets under a group of its own: two sources read offer.events, and
     * under one group each would start from wherever the other last committed.
     */
    private static <T> KafkaSource<T> source(OfferJobConfig config, String name, String topic,
                                             KafkaRecordDeserializationSchema<T> schema) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(topic)
                .setGroupId(config.consumerGroup() + "." + name)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(schema)
                .setProperty("partition.discovery.interval.ms", "30000")
                .build();
    }

    public static OfferSinks kafkaAndClickHouseSinks(OfferJobConfig config) {
        ClickHouseSettings clickHouse = new ClickHouseSettings(config.clickHouseUrl(), config.clickHouseDatabase(),
                config.clickHouseUser(), config.clickHousePassword());
        ClickHouseSinkOptions options = ClickHouseSinkOptions.DEFAULTS;
        String kafka = config.kafkaBootstrap();
        OfferJobConfig.Topics t = config.topics();
        return new OfferSinks(KafkaOutputs.offers(kafka, t.offers()), PitwallSinks.offers(clickHouse, options),
                KafkaOutputs.keyedBytes(kafka, t.events()), KafkaOutputs.keyedBytes(kafka, t.notices()),
                KafkaOutputs.keyedBytes(kafka, t.deadLetters()), PitwallSinks.offerEvents(clickHouse, options),
                PitwallSinks.owners(clickHouse, options));
    }

    /** Configures {@code env} from {@code config}, checks every offer file, migrates the schema and builds the topology. */
    public static void configure(StreamExecutionEnvironment env, OfferJobConfig config) {
        config.offers().engine();
        new SchemaMigrator(new ClickHouseSettings(config.clickHouseUrl(), config.clickHouseDatabase(), config.clickHouseUser(),
                config.clickHousePassword())).migrate();
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        env.setBufferTimeout(config.bufferTimeout().toMillis());
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        build(env, kafkaSources(config), kafkaAndClickHouseSinks(config), config.offers(), config.delivery(),
                config.outOfOrderness(), config.idleness());
    }

    public static void main(String[] args) throws Exception {
        OfferJobConfig config = OfferJobConfig.from(args, System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        env.execute(JOB_NAME);
    }
}
