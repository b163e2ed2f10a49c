package io.pitwall.offers.callbacks;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.offers.channels.HmacSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackServerTest {

    private static final HmacSignature SIGNATURE = HmacSignature.ofUtf8("callback-secret-callback-secret-32");
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<OfferEvent> received = new CopyOnWriteArrayList<>();
    private volatile boolean listenerFails;
    private CallbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CallbackServer start() throws Exception {
        server = CallbackServer.start("127.0.0.1", 0, CallbackServer.DEFAULT_PATH, SIGNATURE, event -> {
            if (listenerFails) {
                throw new IllegalStateException("kafka down");
            }
            received.add(event);
        });
        return server;
    }

    private static OfferEvent event(OfferEventType type) {
        return new OfferEvent(OfferEvent.SCHEMA_VERSION, "evt-1", "offer-1", "OWN-000001", type, 1_764_000_000_000L, Channel.WECOM,
                Map.of("bookingId", "BK-77"));
    }

    private HttpResponse<String> post(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + CallbackServer.DEFAULT_PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(HmacSignature.HEADER, signature);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postSigned(byte[] body) throws Exception {
        return post(body, SIGNATURE.sign(body));
    }

    @Test
    void aSignedBookingCallbackReachesTheListener() throws Exception {
        start();
        HttpResponse<String> response = postSigned(Json.write(event(OfferEventType.BOOKED)));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(received).containsExactly(event(OfferEventType.BOOKED));
        assertThat(server.acceptedCount()).isEqualTo(1);
    }

    @Test
    void everyChannelReplyTypeIsAccepted() throws Exception {
        start();
        for (OfferEventType type : List.of(OfferEventType.OPENED, OfferEventType.CLICKED, OfferEventType.BOOKED, OfferEventType.DISMISSED,
                OfferEventType.SERVICED, OfferEventType.OPTED_OUT)) {
            assertThat(postSigned(Json.write(event(type))).statusCode()).as(type.name()).isEqualTo(202);
        }
        assertThat(received).extracting(OfferEvent::type).hasSize(6);
    }

    @Test
    void aWrongSignatureIsRefusedWith401AndCounted() throws Exception {
        start();
        byte[] body = Json.write(event(OfferEventType.BOOKED));
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("BK-77", "BK-78").getBytes(StandardCharsets.UTF_8);

        assertThat(post(tampered, SIGNATURE.sign(body)).statusCode()).isEqualTo(401);
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        assertThat(post(body, HmacSignature.ofUtf8("another-secret-another-secret-3232").sign(body)).statusCode()).isEqualTo(401);

        assertThat(server.badSignatureCount()).isEqualTo(3);
        assertThat(received).isEmpty();
    }

    @Test
    void malformedJsonIs400AndMissingFieldsToo() throws Exception {
        start();
        assertThat(postSigned("{not json".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(postSigned("{\"type\":\"BOOKED\",\"at\":5}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(server.invalidCount()).isEqualTo(2);
    }

    @Test
    void pitwallsOwnDeliveryEventsCannotComeFromAChannel() throws Exception {
        start();
        HttpResponse<String> response = postSigned(Json.write(event(OfferEventType.DELIVERED)));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("cannot come from a channel");
    }

    @Test
    void aMissingSchemaVersionIsTakenAsVersionOne() throws Exception {
        start();
        String json = "{\"eventId\":\"e\",\"offerId\":\"o\",\"ownerId\":\"w\",\"type\":\"OPENED\",\"at\":5}";
        assertThat(postSigned(json.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(202);
        assertThat(received.get(0).schemaVersion()).isEqualTo(1);
        assertThat(received.get(0).attributes()).isEmpty();
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        start();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + CallbackServer.DEFAULT_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void aBodyOverTheCapIs413() throws Exception {
        start();
        byte[] huge = new byte[CallbackServer.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(postSigned(huge).statusCode()).isEqualTo(413);
    }

    @Test
    void aListenerFailureIs503SoTheChannelRetries() throws Exception {
        start();
        listenerFails = true;
        assertThat(postSigned(Json.write(event(OfferEventType.CLICKED))).statusCode()).isEqualTo(503);
        assertThat(server.acceptedCount()).isZero();
    }
}
