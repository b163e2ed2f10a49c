package io.pitwall.offers.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks a catalogue document; every refusal is one sentence naming the entry and the fix. */
final class CatalogueLoader {

    static final Pattern RECOMMENDATION = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Set<String> ROOT_FIELDS = Set.of("schemaVersion", "entries");
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "trigger", "recommendation", "priority", "coolDownDays");
    private static final Map<String, Set<String>> TRIGGER_FIELDS = Map.of(
            "ALERT", Set.of("type", "alertKind", "minSeverity"),
            "HEALTH", Set.of("type", "condition", "value"),
            "SERVICE_DONE", Set.of("type", "daysAfter"));

    private final String source;

    CatalogueLoader(String source) {
        this.source = source;
    }

    List<CatalogueEntry> load(InputStream in) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new CatalogueException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CatalogueException(source + " must be a JSON object with \"schemaVersion\": 1 and \"entries\": [...]");
        }
        onlyFields(root, ROOT_FIELDS, "the top level");
        if (root.path("schemaVersion").asInt(-1) != 1) {
            throw new CatalogueException(source + ": schemaVersion must be 1");
        }
        JsonNode entries = root.get("entries");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new CatalogueException(source + ": entries must be a non-empty array of catalogue entries");
        }
        List<CatalogueEntry> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, CatalogueEntry> coolDowns = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            CatalogueEntry entry = entry(entries.get(i), i);
            if (!ids.add(entry.id())) {
                throw new CatalogueException(source + ": entry " + i + " reuses the id \"" + entry.id() + "\"; ids must be unique");
            }
            CatalogueEntry same = coolDowns.putIfAbsent(entry.recommendation(), entry);
            if (same != null && !same.coolDown().equals(entry.coolDown())) {
                throw new CatalogueException(where(i, entry.id()) + "gives " + entry.recommendation() + " a cool-down of "
                        + entry.coolDown().toDays() + " days but entry \"" + same.id() + "\" gives it " + same.coolDown().toDays()
                        + "; a recommendation's cool-down is one value");
            }
            result.add(entry);
        }
        return List.copyOf(result);
    }

    private CatalogueEntry entry(JsonNode node, int index) {
        if (!node.isObject()) {
            throw new CatalogueException(source + ": entry " + index + " must be an object");
        }
        String id = text(node, "id", index, null);
        onlyFields(node, ENTRY_FIELDS, where(index, id).strip());
        String recommendation = text(node, "recommendation", index, id);
        if (!RECOMMENDATION.matcher(recommendation).matches()) {
            throw new CatalogueException(where(index, id) + "has recommendation \"" + recommendation
                    + "\"; use upper-case letters, digits and '_', e.g. BRAKE_SERVICE");
        }
        int priority = integer(node, "priority", index, id, 0, 1000);
        int coolDownDays = integer(node, "coolDownDays", index, id, 0, 3650);
        JsonNode trigger = node.get("trigger");
        if (trigger == null || !trigger.isObject()) {
            throw new CatalogueException(where(index, id) + "has no trigger object; give one of type ALERT, HEALTH or SERVICE_DONE");
        }
        return new CatalogueEntry(id, trigger(trigger, index, id), recommendation, priority, Duration.ofDays(coolDownDays));
    }

    private Trigger trigger(JsonNode node, int index, String id) {
        String type = node.path("type").asText("");
        Set<String> fields = TRIGGER_FIELDS.get(type);
        if (fields == null) {
            throw new CatalogueException(where(index, id) + "has trigger.type \"" + type + "\"; it must be ALERT, HEALTH or SERVICE_DONE");
        }
        onlyFields(node, fields, where(index, id) + "trigger");
        switch (type) {
            case "ALERT" -> {
                AlertKind kind = enumValue(AlertKind.class, node, "alertKind", index, id);
                Severity severity = node.has("minSeverity") ? enumValue(Severity.class, node, "minSeverity", index, id) : Severity.INFO;
                return new Trigger.OnAlert(kind, severity);
            }
            case "HEALTH" -> {
                HealthCondition condition = enumValue(HealthCondition.class, node, "condition", index, id);
                JsonNode value = node.get("value");
                if (value == null || !value.isNumber() || !condition.accepts(value.asDouble())) {
                    throw new CatalogueException(where(index, id) + "has trigger.value " + value + "; " + condition
                            + " needs a number " + condition.range());
                }
                return new Trigger.OnHealth(condition, value.asDouble());
            }
            default -> {
                return new Trigger.AfterService(integer(node, "daysAfter", index, id, 1, 365));
            }
        }
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String field, int index, String id) {
        String text = node.path(field).asText("");
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw new CatalogueException(where(index, id) + "has trigger." + field + " \"" + text + "\"; it must be one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    private String text(JsonNode node, String field, int index, String id) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new CatalogueException(where(index, id) + "has no " + field + "; it must be a non-empty string");
        }
        return value.asText();
    }

    private int integer(JsonNode node, String field, int index, String id, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new CatalogueException(where(index, id) + "has " + field + " " + value + "; it must be a whole number from "
                    + min + " to " + max);
        }
        return value.asInt();
    }

    private void onlyFields(JsonNode node, Set<String> allowed, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new CatalogueException(source + ": " + what + " has an unknown field \"" + name + "\"; allowed are "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private String where(int index, String id) {
        return source + ": entry " + index + (id == null ? "" : " (\"" + id + "\")") + " ";
    }
}
