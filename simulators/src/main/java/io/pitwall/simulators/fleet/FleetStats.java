package io.pitwall.simulators.fleet;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of a running fleet, read by the progress line and the final summary. */
public final class FleetStats {
    public final AtomicLong connected = new AtomicLong();
    public final AtomicLong published = new AtomicLong();
    public final AtomicLong acknowledged = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();

    public String line() {
        return String.format("vehicles connected %d | samples sent %d | acknowledged %d | errors %d",
                connected.get(), published.get(), acknowledged.get(), errors.get());
    }
}
