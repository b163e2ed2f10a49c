package io.pitwall.simulators.load;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * What a load run measured: connections, publishes, acknowledgements, errors, throughput and the
 * publish -> PUBACK latency distribution (microseconds).
 */
public record LoadReport(int connectionsOpened, int connectionsFailed, Map<String, Integer> connectFailures,
                         long published, long acknowledged, long errors, long unacknowledgedAtEnd,
                         double publishSeconds, Histogram latencyMicros) {

    public double acknowledgedPerSecond() {
        return publishSeconds > 0 ? acknowledged / publishSeconds : 0;
    }

    public double publishedPerSecond() {
        return publishSeconds > 0 ? published / publishSeconds : 0;
    }

    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("connections: %d open, %d failed%s%n", connectionsOpened, connectionsFailed,
                connectFailures.isEmpty() ? "" : " " + connectFailures));
        s.append(String.format("publishes: %d sent (%.0f/s), %d acknowledged (%.0f/s), %d errors, %d unacknowledged at the end, over %.1f s%n",
                published, publishedPerSecond(), acknowledged, acknowledgedPerSecond(), errors, unacknowledgedAtEnd, publishSeconds));
        if (latencyMicros.getTotalCount() > 0) {
            s.append(String.format("publish->PUBACK latency (ms): p50 %.2f | p90 %.2f | p99 %.2f | p99.9 %.2f | max %.2f (%d samples)%n",
                    latencyMicros.getValueAtPercentile(50) / 1000.0, latencyMicros.getValueAtPercentile(90) / 1000.0,
                    latencyMicros.getValueAtPercentile(99) / 1000.0, latencyMicros.getValueAtPercentile(99.9) / 1000.0,
                    latencyMicros.getMaxValue() / 1000.0, latencyMicros.getTotalCount()));
        }
        return s.toString();
    }
}
