package io.pitwall.gateway.mqtt;

import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.contracts.raw.RejectedRecord;
import io.pitwall.gateway.kafka.RecordWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Validates what a vehicle sent (a PUBLISH or its will) and writes it to Kafka: valid payloads to
 * the raw topic, invalid ones to the rejected topic with their reason. The caller acknowledges only
 * when the returned write completes. Shared by all connections.
 */
public final class Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

    /** The Kafka write, and the reason code the acknowledgement carries once it succeeds. */
    public record Outcome(CompletableFuture<Void> written, ReasonCode code, String reason) {
    }

    private final InboundRecordFactory records;
    private final RecordWriter kafka;
    private final String rawTopic;
    private final String rejectedTopic;
    private final GatewayCounters counters;

    public Ingest(InboundRecordFactory records, RecordWriter kafka, String rawTopic, String rejectedTopic,
                  GatewayCounters counters) {
        this.records = records;
        this.kafka = kafka;
        this.rawTopic = rawTopic;
        this.rejectedTopic = rejectedTopic;
        this.counters = counters;
    }

    public Outcome accept(String vin, String clientId, VehicleTopic topic, String topicName, byte[] payload,
                          String contentType, int qos) {
        long start = System.nanoTime();
        CompletableFuture<Void> written;
        ReasonCode code;
        String reason;
        try {
            written = kafka.write(rawTopic, vin, records.toRecordJson(topic, clientId, payload, contentType, qos));
            code = ReasonCode.SUCCESS;
            reason = null;
            counters.publishAccepted(qos);
        } catch (ContractViolation violation) {
            counters.increment("rejected." + violation.reason().code());
            LOG.info("Rejected publish from {} on {}: {}", clientId, topicName, violation.getMessage());
            RejectedRecord rejected = RejectedRecord.of(vin, clientId, records.gatewayId(), System.currentTimeMillis(),
                    topicName, violation.reason(), violation.getMessage(), payload);
            written = kafka.write(rejectedTopic, vin, Json.write(rejected));
            code = ReasonCode.PAYLOAD_FORMAT_INVALID;
            reason = violation.reason().code() + ": " + violation.getMessage();
        }
        written.whenComplete((ok, error) -> counters.kafkaWrite(System.nanoTime() - start, error == null));
        return new Outcome(written, code, reason);
    }

    /** Development profile: the parsed vehicle topic of any VIN (not notices), else null. */
    public static VehicleTopic vehicleTopic(String topicName) {
        try {
            VehicleTopic topic = VehicleTopic.parse(topicName);
            return topic.channel() == VehicleTopic.Channel.NOTICES ? null : topic;
        } catch (ContractViolation e) {
            return null;
        }
    }

    /** The parsed topic if a connection of this VIN may publish to it, else null. */
    public static VehicleTopic authorizedTopic(String topicName, String vin) {
        return topicName != null && topicName.startsWith(VehicleTopic.prefixFor(vin)) ? vehicleTopic(topicName) : null;
    }
}
