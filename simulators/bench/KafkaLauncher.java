import io.pitwall.localservices.KafkaBroker;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the project's real single-node Kafka (io.pitwall.localservices.KafkaBroker, a child JVM on
 * free loopback ports), creates the gateway's topics and waits. SIGTERM to this process stops the
 * broker (KafkaBroker's watchdog shutdown hook). Run as a single-file program:
 * java -cp local-services/target/classes:$(cat /tmp/ls.cp) KafkaLauncher.java WORKDIR
 */
public final class KafkaLauncher {
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]));
        broker.createTopic("telemetry.raw", 4, Map.of());
        broker.createTopic("telemetry.rejected", 1, Map.of());
        broker.createTopic("vehicle.notices", 1, Map.of());
        System.out.println("BOOTSTRAP=" + broker.bootstrapServers());
        System.out.println("KAFKA_PID=" + broker.pid());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
        Thread.sleep(Long.MAX_VALUE);
    }
}
