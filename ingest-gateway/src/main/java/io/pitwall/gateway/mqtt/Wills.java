package io.pitwall.gateway.mqtt;

import io.netty.channel.Channel;
import io.pitwall.gateway.session.OutboundMessage;
import io.pitwall.gateway.session.Router;
import io.pitwall.gateway.session.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes wills: stored in Kafka exactly like the vehicle's own publish of the same payload
 * (so {@code {"online":false}} becomes a STATUS record), retained if asked, and routed to
 * subscribers. MQTT 5 will delay is honoured: a reconnect within the delay cancels the will, and a
 * session that ends first sends it at once.
 */
public final class Wills {

    private static final Logger LOG = LoggerFactory.getLogger(Wills.class);

    private final Ingest ingest;
    private final Router router;
    private final GatewayCounters counters;

    public Wills(Ingest ingest, Router router, GatewayCounters counters) {
        this.ingest = ingest;
        this.router = router;
        this.counters = counters;
    }

    /** The connection ended without a normal DISCONNECT: publish its will now or after its delay. */
    public void connectionLost(MqttSession connection, Channel channel) {
        Will will = connection.will();
        if (will == null) {
            return;
        }
        SessionState state = connection.state();
        long delay = Math.min(will.delaySeconds(), state.expiryIntervalSeconds());
        if (delay > 0 && !state.isBoundTo(channel)) {
            // Taken over by a new connection before this one closed: the session goes on, no will.
            counters.increment("will.cancelled-by-reconnect");
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        Runnable publish = () -> {
            if (done.compareAndSet(false, true)) {
                publish(connection.vin(), connection.clientId(), will);
            }
        };
        if (delay <= 0) {
            publish.run();
            return;
        }
        state.pendingWill(publish);
        counters.increment("will.delayed");
        channel.eventLoop().schedule(() -> {
            if (state.clearPendingWill(publish)) {
                publish.run();
            }
        }, delay, TimeUnit.SECONDS);
    }

    void publish(String vin, String clientId, Will will) {
        OutboundMessage message = new OutboundMessage(will.topicName(), will.payload(), will.qos(), will.retain(), 0);
        if (will.topic() == null) {
            // Development profile: a will outside the vehicle topics is only routed.
            counters.increment("will.published");
            if (will.retain()) {
                router.retain(null, message);
            }
            router.route(null, message);
            return;
        }
        Ingest.Outcome outcome = ingest.accept(will.topic().vin(), clientId, will.topic(), will.topicName(), will.payload(),
                will.contentType(), will.qos());
        outcome.written().whenComplete((ok, error) -> {
            if (error != null) {
                counters.increment("will.write-failed");
                LOG.error("Will of {} on {} could not be stored in Kafka: {}", clientId, will.topicName(),
                        error.toString());
                return;
            }
            counters.increment("will.published");
            LOG.info("Published the will of {} on {}", clientId, will.topicName());
            if (outcome.code() == ReasonCode.SUCCESS) {
                if (will.retain()) {
                    router.retain(will.topic().vin(), message);
                }
                router.route(will.topic().vin(), message);
            }
        });
    }
}
