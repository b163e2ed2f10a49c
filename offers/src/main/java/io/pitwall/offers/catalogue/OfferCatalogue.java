package io.pitwall.offers.catalogue;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.offers.ServiceOffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which vehicle facts lead to which recommendation, from configuration ({@code offers-catalogue.json},
 * format in docs/offers.md). Matching returns at most one candidate per recommendation - the
 * highest-priority entry that fired - highest priority first. Immutable and thread-safe.
 */
public final class OfferCatalogue {

    public static final String DEFAULT_RESOURCE = "/io/pitwall/offers/offers-catalogue.json";

    private static final Comparator<Candidate> BY_PRIORITY = Comparator.comparingInt(Candidate::priority).reversed()
            .thenComparing(Candidate::recommendation);

    private final List<CatalogueEntry> entries;

    OfferCatalogue(List<CatalogueEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The catalogue shipped with Pitwall. */
    public static OfferCatalogue defaults() {
        try (InputStream in = OfferCatalogue.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new CatalogueException("the default catalogue " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return load(in, "offers-catalogue.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OfferCatalogue load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new CatalogueException("cannot read the catalogue " + file + ": " + e.getMessage(), e);
        }
    }

    /** @param source named in error messages, e.g. the file name */
    public static OfferCatalogue load(InputStream in, String source) {
        return new OfferCatalogue(new CatalogueLoader(source).load(in));
    }

    public List<CatalogueEntry> entries() {
        return entries;
    }

    /** Every recommendation the catalogue can produce; a template set must cover them all. */
    public Set<String> recommendations() {
        Set<String> all = new TreeSet<>();
        entries.forEach(e -> all.add(e.recommendation()));
        return all;
    }

    /** The cool-down of a recommendation; zero for one the catalogue does not know (e.g. the policy's own survey). */
    public Duration coolDownOf(String recommendation) {
        return entries.stream().filter(e -> e.recommendation().equals(recommendation)).map(CatalogueEntry::coolDown)
                .findFirst().orElse(Duration.ZERO);
    }

    /** Candidates for an open or escalated alert; none for a resolved one. */
    public List<Candidate> match(Alert alert) {
        if (alert.state() == AlertState.RESOLVED) {
            return List.of();
        }
        Map<String, Candidate> best = new LinkedHashMap<>();
        for (CatalogueEntry entry : entries) {
            if (entry.trigger() instanceof Trigger.OnAlert on && on.kind() == alert.kind()
                    && alert.severity().compareTo(on.minSeverity()) >= 0) {
                keepBest(best, new Candidate(entry.recommendation(), entry.id(), entry.priority(), entry.coolDown(),
                        alert.severity(), alert.vin(), ServiceOffer.TRIGGER_ALERT, alert.alertId(), alert.eventTime(), Map.of()));
            }
        }
        return sorted(best);
    }

    public List<Candidate> match(HealthPrediction prediction) {
        Map<String, Candidate> best = new LinkedHashMap<>();
        String triggerId = prediction.vin() + "/HEALTH/" + prediction.asOf();
        for (CatalogueEntry entry : entries) {
            if (entry.trigger() instanceof Trigger.OnHealth on) {
                Optional<Map<String, Double>> facts = on.condition().test(prediction, on.threshold());
                facts.ifPresent(f -> keepBest(best, new Candidate(entry.recommendation(), entry.id(), entry.priority(),
                        entry.coolDown(), null, prediction.vin(), ServiceOffer.TRIGGER_HEALTH, triggerId, prediction.asOf(), f)));
            }
        }
        return sorted(best);
    }

    /** The follow-up touches a SERVICE_DONE event schedules, earliest first; none for other events. */
    public List<FollowUp> followUps(VehicleEvent event) {
        if (event.type() != EventType.SERVICE_DONE) {
            return List.of();
        }
        String triggerId = event.vin() + "/SERVICE_DONE/" + event.ts();
        List<FollowUp> result = new ArrayList<>();
        for (CatalogueEntry entry : entries) {
            if (entry.trigger() instanceof Trigger.AfterService after) {
                Candidate candidate = new Candidate(entry.recommendation(), entry.id(), entry.priority(), entry.coolDown(), null,
                        event.vin(), ServiceOffer.TRIGGER_SERVICE_FOLLOW_UP, triggerId, event.ts(), Map.of());
                result.add(new FollowUp(candidate, Instant.ofEpochMilli(event.ts()).plus(Duration.ofDays(after.daysAfter()))));
            }
        }
        result.sort(Comparator.comparing(FollowUp::dueAt).thenComparing(f -> f.candidate().recommendation()));
        return List.copyOf(result);
    }

    private static void keepBest(Map<String, Candidate> best, Candidate candidate) {
        best.merge(candidate.recommendation(), candidate, (a, b) -> b.priority() > a.priority() ? b : a);
    }

    private static List<Candidate> sorted(Map<String, Candidate> best) {
        List<Candidate> list = new ArrayList<>(best.values());
        list.sort(BY_PRIORITY);
        return List.copyOf(list);
    }
}
