package io.pitwall.gateway.kafka;

import java.util.concurrent.CompletableFuture;

/** Durable storage for what the gateway accepts or refuses; Kafka in production. */
public interface RecordWriter {

    /** Completes once the record is durably stored; completes exceptionally if it cannot be. */
    CompletableFuture<Void> write(String topic, String key, byte[] value);
}
