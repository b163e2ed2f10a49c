package io.pitwall.jobs.offers;

import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.catalogue.CatalogueEntry;
import io.pitwall.offers.catalogue.OfferCatalogue;
import io.pitwall.offers.channels.HeadUnitChannel;
import io.pitwall.offers.policy.PolicyChain;
import io.pitwall.offers.policy.PolicyConfig;
import io.pitwall.offers.render.OfferRenderer;
import io.pitwall.offers.render.TemplateSet;
import io.pitwall.offers.wording.WordingScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the offer decider is configured with, in a form Flink can ship to its task managers. The
 * catalogue, templates and wording list are files in production (business people edit them; no
 * code changes), the shipped ones when a path is null. {@link #engine()} loads and cross-checks
 * them all, so a bad file fails the job at start with a sentence naming it, not at the first offer.
 *
 * @param catalogueFile       recommendation catalogue JSON; null for the shipped one
 * @param templatesFile       offer templates JSON; null for the shipped ones
 * @param forbiddenTermsFile  wording list JSON; null for the shipped one
 * @param bookingBaseUrl      the booking page; the offer id is appended as {@code offer=}
 * @param quietStart          start of quiet hours, owner's local time (default 22:00)
 * @param quietEnd            end of quiet hours (default 08:00)
 * @param defaultZone         zone for owners without one (default Asia/Shanghai)
 * @param caps                marketing touches per tier in the rolling cap window
 * @param decidedRetention    how long a decided offer id is remembered to skip replays (default 35 days)
 * @param unownedRetention    how long facts about a vehicle with no known owner wait for one (default 1 day)
 * @param unownedBuffer       at most this many such facts per vehicle (default 16)
 * @param healthRecheck       a health condition that keeps holding is decided again at most this often (default 1 day)
 */
public record OfferSettings(String catalogueFile, String templatesFile, String forbiddenTermsFile, String bookingBaseUrl,
                            LocalTime quietStart, LocalTime quietEnd, ZoneId defaultZone, Map<Tier, Integer> caps,
                            Duration decidedRetention, Duration unownedRetention, int unownedBuffer, Duration healthRecheck)
        implements Serializable {

    public static final String DEFAULT_BOOKING_URL = "http://127.0.0.1:8480/book";

    public OfferSettings {
        caps = new EnumMap<>(caps);
    }

    public static OfferSettings defaults() {
        PolicyConfig policy = PolicyConfig.defaults();
        return new OfferSettings(null, null, null, DEFAULT_BOOKING_URL, policy.quietStart(), policy.quietEnd(),
                policy.defaultZone(), policy.capPerTier(), Duration.ofDays(35), Duration.ofDays(1), 16, Duration.ofDays(1));
    }

    public OfferSettings withBookingBaseUrl(String url) {
        return new OfferSettings(catalogueFile, templatesFile, forbiddenTermsFile, url, quietStart, quietEnd, defaultZone, caps,
                decidedRetention, unownedRetention, unownedBuffer, healthRecheck);
    }

    public OfferSettings withQuietHours(LocalTime start, LocalTime end) {
        return new OfferSettings(catalogueFile, templatesFile, forbiddenTermsFile, bookingBaseUrl, start, end, defaultZone, caps,
                decidedRetention, unownedRetention, unownedBuffer, healthRecheck);
    }

    public OfferSettings withFiles(String catalogue, String templates, String forbiddenTerms) {
        return new OfferSettings(catalogue, templates, forbiddenTerms, bookingBaseUrl, quietStart, quietEnd, defaultZone, caps,
                decidedRetention, unownedRetention, unownedBuffer, healthRecheck);
    }

    public PolicyConfig policyConfig() {
        PolicyConfig defaults = PolicyConfig.defaults();
        return new PolicyConfig(caps, defaults.capWindow(), quietStart, quietEnd, defaultZone, defaults.channelPreference(),
                defaults.tierRules(), defaults.lifecycleRules());
    }

    public OfferCatalogue catalogue() {
        return catalogueFile == null ? OfferCatalogue.defaults() : OfferCatalogue.load(Path.of(catalogueFile));
    }

    /** Loads every file, checks that the templates cover the catalogue, and builds the engine. */
    public OwnerOfferEngine engine() {
        OfferCatalogue catalogue = catalogue();
        WordingScanner scanner = forbiddenTermsFile == null ? WordingScanner.defaults()
                : fromFile(forbiddenTermsFile, in -> WordingScanner.load(in, forbiddenTermsFile));
        TemplateSet templates = templatesFile == null ? TemplateSet.defaults(scanner)
                : fromFile(templatesFile, in -> TemplateSet.load(in, templatesFile, scanner));
        TreeSet<String> recommendations = new TreeSet<>(catalogue.recommendations());
        recommendations.add(PolicyChain.WIN_BACK_SURVEY);
        templates.requireCovers(recommendations);
        PolicyConfig policy = policyConfig();
        Duration longestCoolDown = catalogue.entries().stream().map(CatalogueEntry::coolDown).max(Duration::compareTo)
                .orElse(Duration.ZERO);
        Duration horizon = longestCoolDown.compareTo(policy.capWindow()) > 0 ? longestCoolDown : policy.capWindow();
        return new OwnerOfferEngine(catalogue, PolicyChain.standard(policy), new OfferRenderer(templates, scanner, bookingBaseUrl),
                HeadUnitChannel.defaults(), horizon, decidedRetention, Duration.ofMinutes(1), healthRecheck);
    }

    private static <T> T fromFile(String file, Function<InputStream, T> loader) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return loader.apply(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
