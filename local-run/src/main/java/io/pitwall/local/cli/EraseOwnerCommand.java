package io.pitwall.local.cli;

import io.pitwall.offers.owners.OwnerProfilePublisher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "erase-owner", mixinStandardHelpOptions = true,
        description = "Write an erasure (a tombstone) for an owner to owner.profiles: the offer job records the owner's waiting offers as suppressed and forgets the owner; compaction then removes the profile from Kafka.")
final class EraseOwnerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "OWNER_ID")
    String ownerId;
    @Option(names = "--kafka", required = true, description = "Kafka bootstrap servers.")
    String kafka;
    @Option(names = "--topic", defaultValue = OwnerProfilePublisher.DEFAULT_TOPIC, description = "Default ${DEFAULT-VALUE}.")
    String topic;

    @Override
    public Integer call() {
        try (OwnerProfilePublisher publisher = OwnerProfilePublisher.connect(kafka, topic)) {
            publisher.erase(ownerId);
            publisher.flush();
        }
        System.out.println("Erasure of " + ownerId + " written to " + topic + ".");
        return 0;
    }
}
