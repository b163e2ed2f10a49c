package io.pitwall.local.cli;

import io.pitwall.offers.callbacks.CallbackServer;
import io.pitwall.offers.callbacks.KafkaOfferEvents;
import io.pitwall.offers.channels.HmacSignature;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "callbacks", mixinStandardHelpOptions = true,
        description = "Run the channel callback endpoint: verifies each reply's HMAC-SHA256 signature and writes it to offer.events, answering 202 only once Kafka has it. Runs until Ctrl-C; prints counts every 10 s.")
final class CallbacksCommand implements Callable<Integer> {

    @Option(names = "--kafka", required = true, description = "Kafka bootstrap servers.")
    String kafka;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE};"
            + " expose it through a TLS-terminating proxy).")
    String host;
    @Option(names = "--port", defaultValue = "8481", description = "Default ${DEFAULT-VALUE}.")
    int port;
    @Option(names = "--path", defaultValue = CallbackServer.DEFAULT_PATH, description = "Default ${DEFAULT-VALUE}.")
    String path;
    @Option(names = "--topic", defaultValue = KafkaOfferEvents.DEFAULT_TOPIC, description = "Default ${DEFAULT-VALUE}.")
    String topic;
    @Option(names = "--secret-env", defaultValue = "PITWALL_CALLBACK_SECRET",
            description = "Environment variable holding the shared secret (at least 32 bytes; default ${DEFAULT-VALUE}).")
    String secretEnv;

    @Override
    public Integer call() throws Exception {
        String secret = System.getenv(secretEnv);
        if (secret == null || secret.isBlank()) {
            System.err.println("Set " + secretEnv + " to the channel's shared secret (e.g. export " + secretEnv
                    + "=$(openssl rand -hex 32)) and start again.");
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (KafkaOfferEvents events = KafkaOfferEvents.connect(kafka, topic, Duration.ofSeconds(10));
             CallbackServer server = CallbackServer.start(host, port, path, HmacSignature.ofUtf8(secret), events)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.err.println("Callbacks: POST http://" + host + ":" + server.port() + path + " -> " + topic + " (Ctrl-C stops)");
            while (!stop.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                System.err.println("accepted " + server.acceptedCount() + ", bad signature " + server.badSignatureCount()
                        + ", invalid " + server.invalidCount());
            }
        }
        return 0;
    }
}
