package io.pitwall.offers.callbacks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.offers.channels.HmacSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The endpoint channel integrations call back with what the owner did: {@code POST <path>} with an
 * {@link OfferEvent} as JSON, signed like the webhook deliveries ({@link HmacSignature}). A valid,
 * signed callback is handed to the listener and answered 202; a missing or wrong signature is
 * refused with 401 and counted; malformed JSON or a missing field is 400; an event type a channel
 * may not report (DELIVERED, DELIVERY_FAILED - those are Pitwall's own) is 422; a body over the
 * size cap is 413; a listener failure is 503 so the sender retries. Binds to loopback by default:
 * expose it through the usual TLS-terminating proxy.
 */
public final class CallbackServer implements AutoCloseable {

    public static final String DEFAULT_PATH = "/v1/offer-events";
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final Set<OfferEventType> CALLBACK_TYPES = Set.copyOf(EnumSet.of(OfferEventType.OPENED, OfferEventType.CLICKED,
            OfferEventType.BOOKED, OfferEventType.DISMISSED, OfferEventType.SERVICED, OfferEventType.OPTED_OUT));

    private static final System.Logger LOG = System.getLogger(CallbackServer.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;
    private final HmacSignature signature;
    private final CallbackListener listener;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder badSignature = new LongAdder();
    private final LongAdder invalid = new LongAdder();

    private CallbackServer(HttpServer server, ExecutorService executor, HmacSignature signature, CallbackListener listener) {
        this.server = server;
        this.executor = executor;
        this.signature = signature;
        this.listener = listener;
    }

    /** Starts on {@code host:port} ({@code 127.0.0.1}, port 0 for any free one). */
    public static CallbackServer start(String host, int port, String path, HmacSignature signature, CallbackListener listener)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "offer-callbacks-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CallbackServer callbacks = new CallbackServer(server, executor, signature, listener);
        server.createContext(path, callbacks::handle);
        server.setExecutor(executor);
        server.start();
        return callbacks;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    /** Callbacks refused for a missing or wrong signature: a misconfigured integration, or someone probing. */
    public long badSignatureCount() {
        return badSignature.sum();
    }

    public long invalidCount() {
        return invalid.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                respond(exchange, 405, "method-not-allowed", "use POST");
                return;
            }
            byte[] body = readCapped(exchange.getRequestBody());
            if (body == null) {
                invalid.increment();
                respond(exchange, 413, "too-large", "the body exceeds " + MAX_BODY_BYTES + " bytes");
                return;
            }
            if (!signature.verify(body, exchange.getRequestHeaders().getFirst(HmacSignature.HEADER))) {
                badSignature.increment();
                LOG.log(System.Logger.Level.WARNING, "offer callback from {0} refused: missing or wrong signature",
                        exchange.getRemoteAddress());
                respond(exchange, 401, "bad-signature", "the " + HmacSignature.HEADER + " header does not match the body");
                return;
            }
            OfferEvent event;
            try {
                event = Json.read(body, OfferEvent.class);
            } catch (ContractViolation e) {
                invalid.increment();
                respond(exchange, 400, "malformed", "the body is not an offer event: " + e.getMessage());
                return;
            }
            String problem = problem(event);
            if (problem != null) {
                invalid.increment();
                respond(exchange, problem.startsWith("type") ? 422 : 400, "invalid", problem);
                return;
            }
            if (event.schemaVersion() == 0) {
                event = new OfferEvent(OfferEvent.SCHEMA_VERSION, event.eventId(), event.offerId(), event.ownerId(), event.type(),
                        event.at(), event.channel(), event.attributes());
            }
            try {
                listener.accept(event.attributes() == null ? withoutNullAttributes(event) : event);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, "offer callback " + event.eventId() + " could not be handed on", e);
                respond(exchange, 503, "unavailable", "try again later");
                return;
            }
            accepted.increment();
            respond(exchange, 202, "accepted", event.eventId());
        }
    }

    private static OfferEvent withoutNullAttributes(OfferEvent e) {
        return new OfferEvent(e.schemaVersion(), e.eventId(), e.offerId(), e.ownerId(), e.type(), e.at(), e.channel(), Map.of());
    }

    private static String problem(OfferEvent event) {
        if (blank(event.eventId()) || blank(event.offerId()) || blank(event.ownerId())) {
            return "eventId, offerId and ownerId are required";
        }
        if (event.type() == null || !CALLBACK_TYPES.contains(event.type())) {
            return "type " + event.type() + " cannot come from a channel; use one of " + CALLBACK_TYPES;
        }
        if (event.at() <= 0) {
            return "at must be the time of the event in epoch milliseconds";
        }
        if (event.schemaVersion() != 0 && event.schemaVersion() != OfferEvent.SCHEMA_VERSION) {
            return "schemaVersion " + event.schemaVersion() + " is not supported; send " + OfferEvent.SCHEMA_VERSION;
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void respond(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] json = Json.write(Map.of("status", code, "message", message));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
