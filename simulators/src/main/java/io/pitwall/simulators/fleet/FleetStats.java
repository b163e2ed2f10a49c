package io.pitwall.simulators.fleet;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a running fleet, read by the progress line and the final summary.
 * {@code published} and {@code acknowledged} count MQTT messages (a batch is one message);
 * {@code samplesAcknowledged} counts the samples inside them.
 */
public final class FleetStats {
    public final AtomicLong connected = new AtomicLong();
    public final AtomicLong published = new AtomicLong();
    public final AtomicLong acknowledged = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();
    public final AtomicLong samplesAcknowledged = new AtomicLong();
    public final AtomicLong eventsAcknowledged = new AtomicLong();
    public final AtomicLong resends = new AtomicLong();
    public final AtomicLong reconnects = new AtomicLong();
    /** Simulated time the fleet has reached, epoch ms. */
    public final AtomicLong simulatedTime = new AtomicLong();

    public String line() {
        return String.format("vehicles connected %d | samples sent %d | acknowledged %d | errors %d",
                connected.get(), published.get(), acknowledged.get(), errors.get());
    }

    /** The progress line with the extra counters and the samples per second since {@code previousSamples}. */
    public String progress(long previousSamples, double seconds) {
        double rate = seconds > 0 ? (samplesAcknowledged.get() - previousSamples) / seconds : 0;
        return String.format("vehicles %d | messages %d sent, %d acked | samples %d acked (%.0f/s) | events %d | resends %d | reconnects %d | errors %d | sim %s",
                connected.get(), published.get(), acknowledged.get(), samplesAcknowledged.get(), rate,
                eventsAcknowledged.get(), resends.get(), reconnects.get(), errors.get(),
                java.time.Instant.ofEpochMilli(simulatedTime.get()).toString().replaceFirst(":\\d\\d(\\.\\d+)?Z$", "Z"));
    }
}
