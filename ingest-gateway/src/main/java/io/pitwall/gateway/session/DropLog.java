package io.pitwall.gateway.session;

import io.pitwall.gateway.mqtt.GatewayCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Counts the messages one session drops, by reason ({@code outbound.dropped.<reason>}, exported as
 * {@code pitwall_gateway_outbound_dropped_total{reason}}), and tells the operator without flooding
 * the log: the first drop that needs attention is logged at once, later ones at most once per
 * interval as one summary line. A flood of drops is exactly when the gateway can least afford a
 * log line per message. Guarded by the session's monitor.
 */
final class DropLog {

    /** Why a message to a client was not delivered. */
    enum Reason {
        QUEUE_FULL("queue-full"),
        QOS0_OFFLINE("qos0-offline"),
        TOO_LARGE_FOR_CLIENT("too-large-for-client"),
        EXPIRED("expired");

        final String label;

        Reason(String label) {
            this.label = label;
        }
    }

    static final Logger LOG = LoggerFactory.getLogger(DropLog.class);
    static final long INTERVAL_MILLIS = 10_000;

    private final String clientId;
    private final int maxQueued;
    private final GatewayCounters counters;
    private final Consumer<String> sink;
    private final long[] unreported = new long[Reason.values().length];
    private boolean loggedBefore;
    private long lastLineMillis;

    /** @param sink where a line goes (a WARN log line in production) */
    DropLog(String clientId, int maxQueued, GatewayCounters counters, Consumer<String> sink) {
        this.clientId = clientId;
        this.maxQueued = maxQueued;
        this.counters = counters;
        this.sink = sink;
    }

    void dropped(Reason reason, long nowMillis) {
        counters.increment("outbound.dropped." + reason.label);
        if (advice(reason) == null) {
            return;
        }
        unreported[reason.ordinal()]++;
        if (!loggedBefore || nowMillis - lastLineMillis >= INTERVAL_MILLIS) {
            report(nowMillis);
        }
    }

    /** Logs the drops not reported yet once the interval has passed (the housekeeping timer calls this). */
    void flush(long nowMillis) {
        if (unreportedTotal() > 0 && nowMillis - lastLineMillis >= INTERVAL_MILLIS) {
            report(nowMillis);
        }
    }

    private void report(long nowMillis) {
        StringBuilder line = new StringBuilder();
        if (loggedBefore) {
            line.append("Dropped ").append(unreportedTotal()).append(" more messages to ").append(clientId)
                    .append(" in the last ").append((nowMillis - lastLineMillis) / 1000).append(" s: ");
        } else {
            line.append("Dropping messages to ").append(clientId).append(": ");
        }
        String separator = "";
        for (Reason reason : Reason.values()) {
            long n = unreported[reason.ordinal()];
            if (n > 0) {
                line.append(separator).append(n).append(' ').append(reason.label).append(" (").append(advice(reason))
                        .append(')');
                separator = "; ";
            }
            unreported[reason.ordinal()] = 0;
        }
        line.append(". Logged at most every ").append(INTERVAL_MILLIS / 1000)
                .append(" s per client; every drop is counted in pitwall_gateway_outbound_dropped_total{reason}");
        loggedBefore = true;
        lastLineMillis = nowMillis;
        sink.accept(line.toString());
    }

    private long unreportedTotal() {
        long total = 0;
        for (long n : unreported) {
            total += n;
        }
        return total;
    }

    /** What the operator can do about it; null for drops MQTT itself expects, which are only counted. */
    private String advice(Reason reason) {
        return switch (reason) {
            case QUEUE_FULL -> "its queue was full at --max-queued-messages / PITWALL_MAX_QUEUED_MESSAGES = "
                    + maxQueued + ": raise that limit if the client is just slow or long offline, or find out why it"
                    + " does not acknowledge";
            case TOO_LARGE_FOR_CLIENT -> "larger than the Maximum Packet Size the client set in CONNECT: raise it"
                    + " in the client";
            case QOS0_OFFLINE, EXPIRED -> null;
        };
    }
}
