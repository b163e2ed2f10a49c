package io.pitwall.local.owners;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.NameUuid;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.offers.channels.HmacSignature;
import io.pitwall.offers.channels.SignedWebhookChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Stands in for the owners' private channel on this machine: receives Pitwall's signed webhook as
 * a WeCom / app integration would (checks the signature, dedupes on the idempotency key), then
 * answers like an owner - opened, booked, sometimes opted out ({@link OwnerBehaviour}) - through the
 * signed callback API. The local run and the end-to-end test use it; nothing leaves the machine.
 */
public final class SimulatedOwnerChannel implements AutoCloseable {

    public static final String PATH = "/webhook";
    private static final UUID EVENT_IDS = NameUuid.v5(NameUuid.URL_NAMESPACE, "https://pitwall.io/ids/simulated-owner");

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "simulated-owner");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HmacSignature signature;
    private final URI callbacks;
    private final OwnerBehaviour behaviour;
    private final Consumer<ServiceOffer> onOffer;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<ServiceOffer> received = new ArrayList<>();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong callbackFailures = new AtomicLong();

    private SimulatedOwnerChannel(HmacSignature signature, URI callbacks, OwnerBehaviour behaviour, Consumer<ServiceOffer> onOffer)
            throws IOException {
        this.signature = signature;
        this.callbacks = callbacks;
        this.behaviour = behaviour;
        this.onOffer = onOffer;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext(PATH, this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /**
     * @param callbacks where the callback server listens, e.g. {@code http://127.0.0.1:8481/v1/offer-events}
     * @param onOffer   told of every new offer (the local run prints it)
     */
    public static SimulatedOwnerChannel start(HmacSignature signature, URI callbacks, OwnerBehaviour behaviour,
                                              Consumer<ServiceOffer> onOffer) throws IOException {
        return new SimulatedOwnerChannel(signature, callbacks, behaviour, onOffer);
    }

    public URI webhookUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    public synchronized List<ServiceOffer> received() {
        return List.copyOf(received);
    }

    public long badSignatures() {
        return badSignatures.get();
    }

    public long callbackFailures() {
        return callbackFailures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        ServiceOffer offer;
        String key;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!signature.verify(body, exchange.getRequestHeaders().getFirst(HmacSignature.HEADER))) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            try {
                offer = Json.read(body, ServiceOffer.class);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            key = exchange.getRequestHeaders().getFirst(SignedWebhookChannel.IDEMPOTENCY_HEADER);
            exchange.sendResponseHeaders(200, -1);
        }
        // Answered and closed first: the owner reacts after the delivery, not inside it.
        if (seen.add(key == null ? offer.offerId() : key)) {
            synchronized (this) {
                received.add(offer);
            }
            onOffer.accept(offer);
            answer(offer);
        }
    }

    /** The owner's reactions, each a minute (of the fleet's clock) after the one before. */
    private void answer(ServiceOffer offer) {
        double roll = uniform(offer.offerId(), "open");
        if (roll >= behaviour.openRate()) {
            return;
        }
        long at = offer.decidedAt();
        callback(offer, OfferEventType.OPENED, at += 60_000, Map.of());
        double bookRate = behaviour.bookRate() + ("B".equals(offer.variant()) ? behaviour.variantBLift() : 0);
        if (uniform(offer.offerId(), "book") < bookRate) {
            callback(offer, OfferEventType.BOOKED, at + 60_000, Map.of("bookingId", "BK-" + offer.offerId().substring(0, 8)));
        } else if (uniform(offer.offerId(), "opt-out") < behaviour.optOutRate()) {
            callback(offer, OfferEventType.OPTED_OUT, at + 60_000, Map.of());
        }
    }

    private void callback(ServiceOffer offer, OfferEventType type, long at, Map<String, String> attributes) {
        String eventId = NameUuid.v5(EVENT_IDS, offer.offerId() + "/" + type).toString();
        OfferEvent event = new OfferEvent(OfferEvent.SCHEMA_VERSION, eventId, offer.offerId(), offer.ownerId(), type, at,
                offer.channel(), attributes);
        byte[] body = Json.write(event);
        HttpRequest request = HttpRequest.newBuilder(callbacks).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(HmacSignature.HEADER, signature.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202) {
                callbackFailures.incrementAndGet();
            }
        } catch (IOException e) {
            callbackFailures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A number in [0, 1) fixed by the offer and the question. */
    static double uniform(String offerId, String question) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((question + "\n" + offerId).getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(hash).getLong() >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
