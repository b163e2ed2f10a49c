package io.pitwall.offers.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.policy.Treatment;
import io.pitwall.offers.wording.WordingHit;
import io.pitwall.offers.wording.WordingScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All offer wording, loaded from {@code offer-templates.json} (format in docs/offers.md): templates
 * per recommendation, tier and locale (optionally per experiment variant), the line each tier's
 * treatment adds, the opening lines of the lifecycle and safety treatments, and the experiments.
 * Loading checks every text's placeholders and runs it through the {@link WordingScanner}: a
 * template with a forbidden term never loads.
 */
public final class TemplateSet {

    public static final String DEFAULT_RESOURCE = "/io/pitwall/offers/offer-templates.json";

    private final List<String> locales;
    private final String defaultLocale;
    private final Map<String, String> advisorFallback;
    private final Map<Tier, Map<String, String>> tierLines;
    private final Map<Treatment, Map<String, String>> openings;
    private final Map<String, Experiment> experimentByRecommendation;
    private final Map<String, OfferTemplate> templates;

    private TemplateSet(List<String> locales, String defaultLocale, Map<String, String> advisorFallback,
                        Map<Tier, Map<String, String>> tierLines, Map<Treatment, Map<String, String>> openings,
                        Map<String, Experiment> experimentByRecommendation, Map<String, OfferTemplate> templates) {
        this.locales = locales;
        this.defaultLocale = defaultLocale;
        this.advisorFallback = advisorFallback;
        this.tierLines = tierLines;
        this.openings = openings;
        this.experimentByRecommendation = experimentByRecommendation;
        this.templates = templates;
    }

    public static TemplateSet defaults(WordingScanner scanner) {
        try (InputStream in = TemplateSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new TemplateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return load(in, "offer-templates.json", scanner);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TemplateSet load(InputStream in, String source, WordingScanner scanner) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new TemplateException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        return new Loader(source, scanner).load(root);
    }

    public List<String> locales() {
        return locales;
    }

    /** The template locale for an owner's BCP 47 tag: the same tag, else the same language, else the default. */
    public String resolveLocale(String ownerLocale) {
        if (ownerLocale == null) {
            return defaultLocale;
        }
        for (String locale : locales) {
            if (locale.equalsIgnoreCase(ownerLocale)) {
                return locale;
            }
        }
        String language = Locale.forLanguageTag(ownerLocale).getLanguage();
        for (String locale : locales) {
            if (Locale.forLanguageTag(locale).getLanguage().equals(language)) {
                return locale;
            }
        }
        return defaultLocale;
    }

    public Optional<Experiment> experimentFor(String recommendation) {
        return Optional.ofNullable(experimentByRecommendation.get(recommendation));
    }

    /** The template for this tier if there is one, else the one for every tier. */
    public Optional<OfferTemplate> find(String recommendation, Tier tier, String locale, String variant) {
        OfferTemplate own = templates.get(key(recommendation, tier, locale, variant));
        return Optional.ofNullable(own != null ? own : templates.get(key(recommendation, null, locale, variant)));
    }

    String tierLine(Tier tier, String locale) {
        return tierLines.get(tier).get(locale);
    }

    String opening(Treatment treatment, String locale) {
        Map<String, String> lines = openings.get(treatment);
        return lines == null ? null : lines.get(locale);
    }

    String advisorFallback(String locale) {
        return advisorFallback.get(locale);
    }

    /**
     * Fails unless every recommendation has wording for every tier, locale and (where it is in an
     * experiment) variant; call it with the catalogue's recommendations plus the policy's survey.
     */
    public void requireCovers(Collection<String> recommendations) {
        for (String recommendation : recommendations) {
            List<String> variants = experimentFor(recommendation).map(Experiment::variants).orElse(Collections.singletonList(null));
            for (String locale : locales) {
                for (Tier tier : Tier.values()) {
                    for (String variant : variants) {
                        if (find(recommendation, tier, locale, variant).isEmpty()) {
                            throw new TemplateException("no template for " + recommendation + ", tier " + tier + ", locale " + locale
                                    + (variant == null ? "" : ", variant " + variant)
                                    + "; add one for that tier or one without \"tier\" for all tiers");
                        }
                    }
                }
            }
        }
    }

    private static String key(String recommendation, Tier tier, String locale, String variant) {
        return recommendation + "|" + tier + "|" + locale + "|" + variant;
    }

    /** Parses and checks the document; each refusal names the place in the file. */
    private static final class Loader {
        private final String source;
        private final WordingScanner scanner;

        Loader(String source, WordingScanner scanner) {
            this.source = source;
            this.scanner = scanner;
        }

        TemplateSet load(JsonNode root) {
            if (root == null || !root.isObject() || root.path("schemaVersion").asInt() != 1) {
                throw new TemplateException(source + " must be a JSON object with \"schemaVersion\": 1");
            }
            List<String> locales = new ArrayList<>();
            root.path("locales").forEach(l -> locales.add(l.asText()));
            if (locales.isEmpty()) {
                throw new TemplateException(source + ": locales must list at least one BCP 47 tag, e.g. [\"zh-CN\", \"en\"]");
            }
            String defaultLocale = root.path("defaultLocale").asText("");
            if (!locales.contains(defaultLocale)) {
                throw new TemplateException(source + ": defaultLocale \"" + defaultLocale + "\" must be one of " + locales);
            }
            Map<String, String> advisor = perLocale(root.path("advisorFallback"), "advisorFallback", locales);
            Map<Tier, Map<String, String>> tierLines = new EnumMap<>(Tier.class);
            for (Tier tier : Tier.values()) {
                tierLines.put(tier, perLocale(root.path("tierLines").path(tier.name()), "tierLines." + tier, locales));
            }
            Map<Treatment, Map<String, String>> openings = new EnumMap<>(Treatment.class);
            for (Treatment treatment : List.of(Treatment.REACTIVATION, Treatment.SAFETY)) {
                openings.put(treatment, perLocale(root.path("openings").path(treatment.name()), "openings." + treatment, locales));
            }
            Map<String, Experiment> experiments = experiments(root.path("experiments"));
            Map<String, OfferTemplate> templates = new HashMap<>();
            JsonNode list = root.path("templates");
            if (!list.isArray() || list.isEmpty()) {
                throw new TemplateException(source + ": templates must be a non-empty array");
            }
            for (int i = 0; i < list.size(); i++) {
                OfferTemplate t = template(list.get(i), i, locales, experiments);
                if (templates.put(key(t.recommendation(), t.tier(), t.locale(), t.variant()), t) != null) {
                    throw new TemplateException(source + ": template " + i + " (" + t.id() + ") duplicates an earlier one");
                }
            }
            return new TemplateSet(List.copyOf(locales), defaultLocale, advisor, tierLines, openings, experiments, Map.copyOf(templates));
        }

        private OfferTemplate template(JsonNode node, int index, List<String> locales, Map<String, Experiment> experiments) {
            onlyFields(node, Set.of("recommendation", "tier", "locale", "variant", "title", "body"), "template " + index);
            String recommendation = node.path("recommendation").asText("");
            String where = "template " + index + " (" + recommendation + ")";
            if (recommendation.isEmpty()) {
                throw new TemplateException(source + ": " + where + " has no recommendation");
            }
            Tier tier = null;
            if (node.hasNonNull("tier")) {
                try {
                    tier = Tier.valueOf(node.get("tier").asText());
                } catch (IllegalArgumentException e) {
                    throw new TemplateException(source + ": " + where + " has tier " + node.get("tier") + "; use HIGH, MID, POTENTIAL or leave it out for all tiers");
                }
            }
            String locale = node.path("locale").asText("");
            if (!locales.contains(locale)) {
                throw new TemplateException(source + ": " + where + " has locale \"" + locale + "\"; it must be one of " + locales);
            }
            String variant = node.hasNonNull("variant") ? node.get("variant").asText() : null;
            Experiment experiment = experiments.get(recommendation);
            if (variant != null && (experiment == null || !experiment.variants().contains(variant))) {
                throw new TemplateException(source + ": " + where + " has variant \"" + variant + "\" but "
                        + (experiment == null ? "no experiment covers " + recommendation : "experiment " + experiment.name() + " has variants " + experiment.variants()));
            }
            if (variant == null && experiment != null) {
                throw new TemplateException(source + ": " + where + " has no variant, but " + recommendation + " is in experiment "
                        + experiment.name() + "; give one of " + experiment.variants());
            }
            return new OfferTemplate(recommendation, tier, locale, variant, text(node, "title", where), text(node, "body", where));
        }

        private String text(JsonNode node, String field, String where) {
            String text = node.path(field).asText("");
            if (text.isBlank()) {
                throw new TemplateException(source + ": " + where + " has no " + field);
            }
            String problem = TemplateText.problem(text);
            if (problem != null) {
                throw new TemplateException(source + ": " + where + " " + field + " " + problem);
            }
            List<WordingHit> hits = scanner.scan(text);
            if (!hits.isEmpty()) {
                throw new TemplateException(source + ": " + where + " " + field + " contains the forbidden term \""
                        + hits.get(0).term() + "\" (in \"" + hits.get(0).excerpt() + "\"); advertising law forbids absolute claims - reword it");
            }
            return text;
        }

        private Map<String, String> perLocale(JsonNode node, String what, List<String> locales) {
            Map<String, String> lines = new LinkedHashMap<>();
            for (String locale : locales) {
                if (!node.path(locale).isTextual()) {
                    throw new TemplateException(source + ": " + what + " has no text for locale " + locale);
                }
                lines.put(locale, text(node, locale, what));
            }
            return Map.copyOf(lines);
        }

        private Map<String, Experiment> experiments(JsonNode node) {
            Map<String, Experiment> byRecommendation = new HashMap<>();
            for (JsonNode e : node) {
                String name = e.path("name").asText("");
                List<String> variants = new ArrayList<>();
                e.path("variants").forEach(v -> variants.add(v.asText()));
                List<String> recommendations = new ArrayList<>();
                e.path("recommendations").forEach(r -> recommendations.add(r.asText()));
                if (name.isBlank() || variants.size() < 2 || variants.stream().distinct().count() != variants.size() || recommendations.isEmpty()) {
                    throw new TemplateException(source + ": experiment \"" + name
                            + "\" needs a name, at least two distinct variants and at least one recommendation");
                }
                Experiment experiment = new Experiment(name, Set.copyOf(recommendations), variants);
                for (String r : recommendations) {
                    if (byRecommendation.put(r, experiment) != null) {
                        throw new TemplateException(source + ": " + r + " is in two experiments; an owner can see one wording at a time");
                    }
                }
            }
            return Map.copyOf(byRecommendation);
        }

        private void onlyFields(JsonNode node, Set<String> allowed, String what) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new TemplateException(source + ": " + what + " has an unknown field \"" + name + "\"; allowed are " + allowed);
                }
            }
        }
    }
}
