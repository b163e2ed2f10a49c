package io.pitwall.gateway.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounds that keep one misbehaving client (or a flood of them) from taking the gateway down.
 * Each refusal is answered with an MQTT reason code (or a disconnect in 3.1.1), counted and logged.
 *
 * @param maxConnections            open connections before CONNECT is refused with "server busy" (default 18,000:
 *                                  the process may hold 20,000 files)
 * @param maxConnectsPerIpPerSecond new connections per source address and second, with a burst of the same
 *                                  size (default 100); more get "connection rate exceeded"
 * @param maxPublishesPerSecond     PUBLISH packets per connection and second, burst of the same size (default 100);
 *                                  more end the connection with "message rate too high"
 * @param maxPublishBytesPerSecond  PUBLISH payload bytes per connection and second (default 1 MiB); more end the
 *                                  connection with "quota exceeded"
 * @param maxSubscriptions          topic filters one session may hold (default 16); more get "quota exceeded"
 * @param maxQueuedMessages         messages kept for one session while it is offline, its window is full or
 *                                  its socket is not writable (default 100); beyond that the oldest is dropped
 *                                  and counted, and a route-only publisher that filled a connected
 *                                  subscriber's queue is not read until it drains
 * @param maxOutboundInFlight       QoS 1 messages sent to one client and not yet acknowledged (default 32; an MQTT 5
 *                                  client's smaller receive maximum wins)
 * @param maxInFlightTotal          Kafka writes awaiting acknowledgement across all connections before every
 *                                  connection that writes stops being read (default 10,000)
 * @param maxSessionExpirySeconds   longest a persistent session outlives its connection (default 7 days; a
 *                                  3.1.1 clean-session=false session gets this)
 * @param maxKeepAliveSeconds       longest keep-alive granted (default 600); MQTT 5 clients asking for more, or
 *                                  for none, are told this value as the server keep-alive
 * @param maxPendingAuthentications CONNECTs waiting for the slow secret hash (default 1,000); more get "server busy"
 */
public record Limits(int maxConnections, int maxConnectsPerIpPerSecond, int maxPublishesPerSecond,
                     int maxPublishBytesPerSecond, int maxSubscriptions, int maxQueuedMessages,
                     int maxOutboundInFlight, int maxInFlightTotal, long maxSessionExpirySeconds,
                     int maxKeepAliveSeconds, int maxPendingAuthentications) {

    public static Limits defaults() {
        return new Limits(18_000, 100, 100, 1024 * 1024, 16, 100, 32, 10_000, 7 * 24 * 3600L, 600, 1_000);
    }

    public Limits withMaxConnections(int v) {
        return new Limits(v, maxConnectsPerIpPerSecond, maxPublishesPerSecond, maxPublishBytesPerSecond,
                maxSubscriptions, maxQueuedMessages, maxOutboundInFlight, maxInFlightTotal, maxSessionExpirySeconds,
                maxKeepAliveSeconds, maxPendingAuthentications);
    }

    public Limits withMaxConnectsPerIpPerSecond(int v) {
        return new Limits(maxConnections, v, maxPublishesPerSecond, maxPublishBytesPerSecond,
                maxSubscriptions, maxQueuedMessages, maxOutboundInFlight, maxInFlightTotal, maxSessionExpirySeconds,
                maxKeepAliveSeconds, maxPendingAuthentications);
    }

    public Limits withMaxPublishesPerSecond(int v) {
        return new Limits(maxConnections, maxConnectsPerIpPerSecond, v, maxPublishBytesPerSecond,
                maxSubscriptions, maxQueuedMessages, maxOutboundInFlight, maxInFlightTotal, maxSessionExpirySeconds,
                maxKeepAliveSeconds, maxPendingAuthentications);
    }

    public Limits withMaxPublishBytesPerSecond(int v) {
        return new Limits(maxConnections, maxConnectsPerIpPerSecond, maxPublishesPerSecond, v,
                maxSubscriptions, maxQueuedMessages, maxOutboundInFlight, maxInFlightTotal, maxSessionExpirySeconds,
                maxKeepAliveSeconds, maxPendingAuthentications);
    }

    public Limits withMaxSubscriptions(int v) {
        return new Limits(maxConnections, maxConnectsPerIpPerSecond, maxPublishesPerSecond, maxPublishBytesPerSecond,
                v, maxQueuedMessages, maxOutboundInFlight, maxInFlightTotal, maxSessionExpirySeconds,
                maxKeepAliveSeconds, maxPendingAuthentications);
    }

    public Limits withMaxQueuedMessages(int v) {
        return new Limits(maxConnections, maxConnectsPerIpPerSecond, maxPublishesPerSecond, maxPublishBytesPerSecond,
                maxSubscriptions, v, maxOutboundInFlight, maxInFlightTotal, maxSessionExpirySeconds,
                maxKeepAliveSeconds, maxPendingAuthentications);
    }

    public Limits withMaxInFlightTotal(int v) {
        return new Limits(maxConnections, maxConnectsPerIpPerSecond, maxPublishesPerSecond, maxPublishBytesPerSecond,
                maxSubscriptions, maxQueuedMessages, maxOutboundInFlight, v, maxSessionExpirySeconds,
                maxKeepAliveSeconds, maxPendingAuthentications);
    }

    public Limits withMaxKeepAliveSeconds(int v) {
        return new Limits(maxConnections, maxConnectsPerIpPerSecond, maxPublishesPerSecond, maxPublishBytesPerSecond,
                maxSubscriptions, maxQueuedMessages, maxOutboundInFlight, maxInFlightTotal, maxSessionExpirySeconds,
                v, maxPendingAuthentications);
    }

    /** Every problem, as sentences; empty when the limits are usable. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        positive(problems, "max connections", maxConnections);
        positive(problems, "max connects per IP and second", maxConnectsPerIpPerSecond);
        positive(problems, "max publishes per second", maxPublishesPerSecond);
        if (maxPublishBytesPerSecond < 1024) {
            problems.add("max publish bytes per second must be at least 1024");
        }
        positive(problems, "max subscriptions", maxSubscriptions);
        positive(problems, "max queued messages", maxQueuedMessages);
        if (maxOutboundInFlight < 1 || maxOutboundInFlight > 65_535) {
            problems.add("max outbound in-flight must be within 1-65535");
        }
        positive(problems, "max in-flight Kafka writes in total", maxInFlightTotal);
        if (maxSessionExpirySeconds < 0 || maxSessionExpirySeconds > 0xFFFF_FFFEL) {
            problems.add("max session expiry must be within 0-4294967294 seconds");
        }
        if (maxKeepAliveSeconds < 1 || maxKeepAliveSeconds > 65_535) {
            problems.add("max keep-alive must be within 1-65535 seconds");
        }
        positive(problems, "max pending authentications", maxPendingAuthentications);
        return problems;
    }

    private static void positive(List<String> problems, String what, long value) {
        if (value < 1) {
            problems.add(what + " must be at least 1 (is " + value + ")");
        }
    }
}
