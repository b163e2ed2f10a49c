package io.pitwall.gateway.mqtt;

import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.session.Router;
import io.pitwall.gateway.session.SessionStore;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway-wide parts every connection's handlers use. Built once by {@code MqttGateway} (or a
 * test), so handlers take one argument instead of a dozen.
 *
 * @param pendingAuthentications CONNECTs waiting for the secret hash right now
 */
public record GatewayServices(GatewayConfig config, DeviceRegistry registry, Executor authExecutor,
                              Ingest ingest, SessionStore sessions, Router router, Wills wills,
                              Backpressure backpressure, ConnectionLimiter connectionLimiter,
                              GatewayCounters counters, AtomicInteger pendingAuthentications) {
}
