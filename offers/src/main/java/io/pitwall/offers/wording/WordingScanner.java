package io.pitwall.offers.wording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds forbidden absolute claims (advertising law; the list is configuration, DOMAIN.md) in offer
 * texts. Before matching, text and terms are normalised: NFKC (full-width {@code １００％} becomes
 * {@code 100%}, {@code ＢＥＳＴ} becomes {@code BEST}), invisible format characters such as
 * zero-width spaces removed, and lower-cased.
 *
 * <ul>
 *   <li>A term written in Latin letters, digits and punctuation matches as a whole word: "best"
 *       matches "Best", "BEST!" and "best-in-class" but not "bestow" or "asbestos" - words that
 *       merely contain it are different words. Latin letters next to Chinese characters count as a
 *       word boundary ("best服务" is a hit). Whitespace inside a term is optional and a '.' or '-'
 *       inside it may be left out, so "No. 1" also catches "no.1", "NO 1" and "No1", but not "No. 10".</li>
 *   <li>Any other term (Chinese) matches anywhere, whitespace between characters ignored, because
 *       Chinese has no word boundaries. Its known false positives are handled by an allow-list of
 *       whole phrases, masked before matching: 最 is forbidden, but 最近 ("recently") is allowed;
 *       a forbidden term elsewhere in the same text still hits.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class WordingScanner {

    public static final String DEFAULT_RESOURCE = "/io/pitwall/offers/forbidden-terms.json";
    private static final Pattern FORMAT_CHARS = Pattern.compile("\\p{Cf}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final char MASK = '\u0000';

    private final Map<String, Pattern> latinTerms = new LinkedHashMap<>();
    private final Map<String, String> otherTerms = new LinkedHashMap<>();
    private final List<String> allowedPhrases;

    public WordingScanner(List<String> terms, List<String> allowedPhrases) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("the forbidden-terms list is empty; an empty list would let every claim through");
        }
        for (String term : terms) {
            String normal = normalise(term).strip();
            if (normal.isEmpty()) {
                throw new IllegalArgumentException("a forbidden term is blank; remove it from the list");
            }
            if (isLatin(normal)) {
                latinTerms.put(term, latinPattern(normal));
            } else {
                otherTerms.put(term, WHITESPACE.matcher(normal).replaceAll(""));
            }
        }
        this.allowedPhrases = allowedPhrases.stream().map(p -> normalise(p).strip()).filter(p -> !p.isEmpty())
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    /** The scanner configured by the shipped {@code forbidden-terms.json}. */
    public static WordingScanner defaults() {
        try (InputStream in = WordingScanner.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return load(in, "forbidden-terms.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code {"terms": [...], "allowedPhrases": [...]}}. */
    public static WordingScanner load(InputStream in, String source) {
        try {
            JsonNode root = new ObjectMapper().readTree(in);
            return new WordingScanner(strings(root, "terms", source), strings(root, "allowedPhrases", source));
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Every forbidden term in {@code text}, each once, in list order; empty if the text is clean. */
    public List<WordingHit> scan(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String masked = mask(normalise(text));
        List<WordingHit> hits = new ArrayList<>();
        latinTerms.forEach((term, pattern) -> {
            Matcher m = pattern.matcher(masked);
            if (m.find()) {
                hits.add(new WordingHit(term, excerpt(masked, m.start(), m.end())));
            }
        });
        String compact = WHITESPACE.matcher(masked).replaceAll("");
        otherTerms.forEach((term, normal) -> {
            int at = compact.indexOf(normal);
            if (at >= 0) {
                hits.add(new WordingHit(term, excerpt(compact, at, at + normal.length())));
            }
        });
        return List.copyOf(hits);
    }

    public boolean isClean(String text) {
        return scan(text).isEmpty();
    }

    static String normalise(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return FORMAT_CHARS.matcher(nfkc).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private String mask(String text) {
        if (allowedPhrases.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (String phrase : allowedPhrases) {
            for (int at = out.indexOf(phrase); at >= 0; at = out.indexOf(phrase, at + phrase.length())) {
                for (int i = at; i < at + phrase.length(); i++) {
                    out.setCharAt(i, MASK);
                }
            }
        }
        return out.toString();
    }

    private static boolean isLatin(String term) {
        return term.codePoints().allMatch(c -> c < 0x250);
    }

    private static Pattern latinPattern(String term) {
        StringBuilder regex = new StringBuilder();
        if (Character.isLetterOrDigit(term.codePointAt(0))) {
            regex.append("(?<![\\p{IsLatin}\\p{Nd}])");
        }
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (Character.isWhitespace(c)) {
                regex.append("\\s*");
            } else if (c == '.' || c == '-') {
                regex.append("\\s*").append(Pattern.quote(String.valueOf(c))).append("?\\s*");
            } else {
                if (i > 0 && Character.isLetterOrDigit(c) != Character.isLetterOrDigit(term.charAt(i - 1))
                        && !Character.isWhitespace(term.charAt(i - 1))) {
                    regex.append("\\s*");
                }
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (Character.isLetterOrDigit(term.codePointAt(term.length() - 1))) {
            regex.append("(?![\\p{IsLatin}\\p{Nd}])");
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String excerpt(String text, int start, int end) {
        int from = Math.max(0, start - 8);
        int to = Math.min(text.length(), end + 8);
        return text.substring(from, to).replace(MASK, '*');
    }

    private static List<String> strings(JsonNode root, String field, String source) {
        JsonNode node = root == null ? null : root.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(source + ": " + field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new IllegalArgumentException(source + ": " + field + "[" + i + "] is " + node.get(i) + "; it must be a string");
            }
            values.add(node.get(i).asText());
        }
        return values;
    }
}
