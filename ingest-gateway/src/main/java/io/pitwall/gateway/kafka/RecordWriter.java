package io.pitwall.gateway.kafka;

import java.util.concurrent.CompletableFuture;

/** Durable storage for what the gateway accepts or refuses; Kafka in production. */
public interface RecordWriter {

    /**
     * Completes once the record is durably stored; completes exceptionally if it cannot be. Never
     * blocks: it is called on Netty event loops.
     */
    CompletableFuture<Void> write(String topic, String key, byte[] value);

    /**
     * True while records are waiting because storage cannot take them right now; connections that
     * write meanwhile should stop being read until it turns false.
     */
    boolean backlogged();
}
