package io.pitwall.gateway.mqtt;

import io.pitwall.gateway.kafka.RecordWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A fake Kafka for handler unit tests: remembers writes and completes them when told to; can act full. */
final class RecordingWriter implements RecordWriter {

    record Write(String topic, String key, byte[] value, CompletableFuture<Void> done) {
    }

    final List<Write> writes = new ArrayList<>();
    /** True to act like a producer whose buffer is full: writes wait, unacknowledged. */
    volatile boolean busy;

    @Override
    public CompletableFuture<Void> write(String topic, String key, byte[] value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writes.add(new Write(topic, key, value, done));
        return done;
    }

    @Override
    public boolean backlogged() {
        return busy;
    }
}
