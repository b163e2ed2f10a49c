package io.pitwall.gateway.mqtt;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the gateway did and refused, by name (e.g. {@code rejected.vin-mismatch}). Every
 * refusal is counted here and logged, so nothing is refused silently. The names become Prometheus
 * series in {@code observability.GatewayMetrics}; Kafka write latency and time spent with reading
 * paused are measured here too. What is counted for every message goes through a {@link Counter}
 * resolved once, so the hot path builds no names and searches no maps.
 */
public final class GatewayCounters {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final LongAdder backpressureNanos = new LongAdder();
    private final Histogram kafkaWriteSeconds = Histogram.builder()
            .name("pitwall_gateway_kafka_write_seconds")
            .help("Time from handing a record to the Kafka producer to its acknowledgement (acks=all), or failure")
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .labelNames("outcome")
            .build();
    private final DistributionDataPoint kafkaWriteOk = kafkaWriteSeconds.labelValues("ok");
    private final DistributionDataPoint kafkaWriteError = kafkaWriteSeconds.labelValues("error");
    private final Counter[] publishIn = perQos("publish.in.qos");
    private final Counter[] publishAccepted = perQos("publish.accepted.qos");
    private final Counter[] publishOut = perQos("publish.out.qos");
    private final Counter routed = counter("publish.routed");

    /**
     * A counter looked up once. Like any other it shows in {@link #snapshot()} from its first
     * increment on, so resolving one up front adds no zero series.
     */
    public final class Counter {
        private final String name;
        // Unsynchronised on purpose: a racing first increment at worst looks the name up twice
        // and gets the same adder from the map.
        private LongAdder adder;

        private Counter(String name) {
            this.name = name;
        }

        public void increment() {
            LongAdder a = adder;
            if (a == null) {
                a = counters.computeIfAbsent(name, k -> new LongAdder());
                adder = a;
            }
            a.increment();
        }
    }

    public Counter counter(String name) {
        return new Counter(name);
    }

    /** {@code publish.in.qosN}: a PUBLISH arrived. */
    public void publishIn(int qos) {
        publishIn[qos].increment();
    }

    /** {@code publish.accepted.qosN}: a PUBLISH passed validation and goes to the raw topic. */
    public void publishAccepted(int qos) {
        publishAccepted[qos].increment();
    }

    /** {@code publish.out.qosN}: a PUBLISH was sent to a subscriber. */
    public void publishOut(int qos) {
        publishOut[qos].increment();
    }

    /** {@code publish.routed}: a development-profile publish outside the vehicle contract was routed (not stored). */
    public void routed() {
        routed.increment();
    }

    public void increment(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void kafkaWrite(long nanos, boolean ok) {
        (ok ? kafkaWriteOk : kafkaWriteError).observe(nanos / 1e9);
    }

    public Histogram kafkaWriteSeconds() {
        return kafkaWriteSeconds;
    }

    public void backpressure(long nanos) {
        backpressureNanos.add(nanos);
    }

    private Counter[] perQos(String prefix) {
        return new Counter[] {counter(prefix + 0), counter(prefix + 1), counter(prefix + 2)};
    }

    public double backpressureSeconds() {
        return backpressureNanos.sum() / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
