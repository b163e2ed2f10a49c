package io.pitwall.simulators.load;

import io.pitwall.simulators.mqtt.ClientTls;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What every connection of one load run shares: its options, TLS material, counters and latency histogram. */
final class LoadRun {

    /** Latencies above a minute are recorded as a minute. */
    static final long MAX_LATENCY_MICROS = 60_000_000L;

    final LoadOptions options;
    /** Null for plain TCP. */
    final ClientTls tls;
    final AtomicLong published = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    /** Connection failures by reason, for the summary. */
    final Map<String, Integer> failures = new ConcurrentHashMap<>();
    final Histogram latencyMicros = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
    /** Counts at the end of the warm-up, taken off the totals in the report. */
    volatile long publishedBeforeMeasuring;
    volatile long acknowledgedBeforeMeasuring;
    volatile long errorsBeforeMeasuring;
    volatile boolean stopping;
    volatile long deadlineNanos = Long.MAX_VALUE;

    LoadRun(LoadOptions options, ClientTls tls) {
        this.options = options;
        this.tls = tls;
    }

    /** False once the run is stopping or its duration is over: connections stop publishing. */
    boolean publishing() {
        return !stopping && System.nanoTime() < deadlineNanos;
    }

    /** The message limit counts measured publishes (those after the warm-up). */
    boolean limitReached() {
        return options.maxMessages() > 0 && published.get() - publishedBeforeMeasuring >= options.maxMessages();
    }

    /**
     * Counts a publish about to be sent, unless the run's message limit is reached. Atomic, so
     * connections on different event loops never send more than {@code --messages} together.
     */
    boolean countPublish() {
        long max = options.maxMessages();
        if (max <= 0) {
            published.incrementAndGet();
            return true;
        }
        long n;
        do {
            n = published.get();
            if (n - publishedBeforeMeasuring >= max) {
                return false;
            }
        } while (!published.compareAndSet(n, n + 1));
        return true;
    }

    /**
     * Ends the warm-up: from now on the counts and the latency histogram are the run's. A PUBACK
     * for a warm-up publish that arrives later is measured like any other: the load is continuous.
     */
    void startMeasuring() {
        publishedBeforeMeasuring = published.get();
        acknowledgedBeforeMeasuring = acknowledged.get();
        errorsBeforeMeasuring = errors.get();
        latencyMicros.reset();
    }

    void failure(String reason) {
        failures.merge(reason, 1, Integer::sum);
    }

    void acknowledged(long sentNanos) {
        acknowledged.incrementAndGet();
        latencyMicros.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (System.nanoTime() - sentNanos) / 1000)));
    }
}
