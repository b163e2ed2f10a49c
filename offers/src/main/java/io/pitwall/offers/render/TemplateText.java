package io.pitwall.offers.render;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholder syntax: {@code {name}} is replaced by a value; {@code [[ ... ]]} is an optional
 * segment, left out whole when any placeholder inside it has no value (e.g. no km estimate yet).
 */
final class TemplateText {

    static final Set<String> PLACEHOLDERS = Set.of("workshopName", "advisorName", "kmLeft", "daysLeft", "sohPercent", "bookingUrl");
    /** Values that may be missing; they may only be used inside an optional segment. */
    static final Set<String> OPTIONAL = Set.of("workshopName", "kmLeft", "daysLeft", "sohPercent");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern SEGMENT = Pattern.compile("\\[\\[(.*?)]]", Pattern.DOTALL);

    private TemplateText() {
    }

    /** Null if the text is well formed, else what is wrong with it. */
    static String problem(String text) {
        String outside = SEGMENT.matcher(text).replaceAll("");
        if (outside.contains("[[") || outside.contains("]]")) {
            return "has an unbalanced or nested [[ ]] segment";
        }
        Matcher inSegments = SEGMENT.matcher(text);
        while (inSegments.find()) {
            if (inSegments.group(1).contains("[[")) {
                return "nests [[ ]] segments";
            }
        }
        for (String name : names(text)) {
            if (!PLACEHOLDERS.contains(name)) {
                return "uses the unknown placeholder {" + name + "}; known are " + new TreeSet<>(PLACEHOLDERS);
            }
        }
        for (String name : names(outside)) {
            if (OPTIONAL.contains(name)) {
                return "uses {" + name + "} outside a [[ ]] segment, but it can be missing; wrap it in [[ ... ]]";
            }
        }
        return null;
    }

    static String render(String text, Map<String, String> values) {
        Matcher segments = SEGMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (segments.find()) {
            String inner = segments.group(1);
            boolean complete = names(inner).stream().allMatch(values::containsKey);
            segments.appendReplacement(out, Matcher.quoteReplacement(complete ? fill(inner, values) : ""));
        }
        segments.appendTail(out);
        return fill(out.toString(), values).replaceAll("[ \\t]{2,}", " ").strip();
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
