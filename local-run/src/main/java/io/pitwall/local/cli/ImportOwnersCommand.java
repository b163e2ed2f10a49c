package io.pitwall.local.cli;

import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.offers.owners.OwnerProfilePublisher;
import io.pitwall.offers.owners.OwnersCsvReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-owners", mixinStandardHelpOptions = true,
        description = "Import a CRM owners export (CSV; columns in docs/offers.md) into the compacted owner.profiles topic. Only the columns the offer policy needs are read: names, phones and WeCom ids never reach Kafka. A bad row fails the whole import, naming its line and column; nothing is published then.")
final class ImportOwnersCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CSV", description = "The export, e.g. the simulator's owners.csv.")
    Path csv;
    @Option(names = "--kafka", required = true, description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String kafka;
    @Option(names = "--topic", defaultValue = OwnerProfilePublisher.DEFAULT_TOPIC, description = "Default ${DEFAULT-VALUE}.")
    String topic;

    @Override
    public Integer call() throws Exception {
        List<OwnerProfile> profiles;
        try (Reader reader = Files.newBufferedReader(csv)) {
            profiles = new OwnersCsvReader(Instant.now()).read(reader);
        }
        try (OwnerProfilePublisher publisher = OwnerProfilePublisher.connect(kafka, topic)) {
            publisher.publishAll(profiles);
        }
        System.out.println("Imported " + profiles.size() + " owner profiles from " + csv + " into " + topic + ".");
        return 0;
    }
}
