package io.pitwall.offers.owners;

import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CRM owners export in the simulator's CSV format ({@code OwnersExport.COLUMNS}) into
 * contract {@link OwnerProfile}s. Columns are found by header name, so their order does not matter.
 *
 * <p>Only the columns listed in {@link #KNOWN_COLUMNS} are read; every other column is skipped
 * unread. That is deliberate: a real CRM export carries the owner's name, phone number and WeCom id,
 * and personal data must never reach {@code owner.profiles} (DOMAIN.md). The columns {@code
 * quiet_hours_start} / {@code quiet_hours_end} are checked but not carried: the contract has no
 * field for them and the policy applies DOMAIN.md's 22:00-08:00 in the owner's time zone.
 *
 * <p>A bad row fails the whole import with a message naming its line, so that a half-imported
 * export never silently leaves owners behind.
 */
public final class OwnersCsvReader {

    public static final List<String> REQUIRED_COLUMNS = List.of("owner_id", "vins", "lifetime_value_cny", "visits_last_12_months");
    public static final List<String> KNOWN_COLUMNS = List.of("owner_id", "vins", "lifetime_value_cny", "visits_last_12_months",
            "last_visit_date", "last_interaction_at", "consent_webhook", "consent_wecom", "consent_app", "consent_head_unit",
            "quiet_hours_start", "quiet_hours_end", "time_zone", "locale", "preferred_workshop_id",
            "preferred_workshop_name", "service_advisor");
    private static final Map<String, Channel> CONSENT_COLUMNS = Map.of("consent_webhook", Channel.WEBHOOK,
            "consent_wecom", Channel.WECOM, "consent_app", Channel.APP, "consent_head_unit", Channel.HEAD_UNIT);

    private final Instant importedAt;

    /** @param importedAt stamped as every profile's {@code updatedAt} */
    public OwnersCsvReader(Instant importedAt) {
        this.importedAt = importedAt;
    }

    public List<OwnerProfile> read(Reader source) {
        try {
            CsvLines csv = new CsvLines(source instanceof BufferedReader b ? b : new BufferedReader(source));
            CsvLines.Row header = csv.next();
            if (header == null) {
                throw new OwnersCsvException("the owners CSV is empty; it must start with a header naming at least "
                        + String.join(", ", REQUIRED_COLUMNS));
            }
            Map<String, Integer> columns = columns(header);
            List<OwnerProfile> owners = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (CsvLines.Row row = csv.next(); row != null; row = csv.next()) {
                if (row.fields().size() == 1 && row.fields().get(0).isBlank()) {
                    continue;
                }
                OwnerProfile owner = new RowReader(row, columns).profile();
                if (!seen.add(owner.ownerId())) {
                    throw new OwnersCsvException("line " + row.line() + ": owner_id " + owner.ownerId()
                            + " appears twice; each owner must have exactly one row");
                }
                owners.add(owner);
            }
            return owners;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owners CSV", e);
        }
    }

    private static Map<String, Integer> columns(CsvLines.Row header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (KNOWN_COLUMNS.contains(name) && columns.put(name, i) != null) {
                throw new OwnersCsvException("line 1: column " + name + " appears twice in the header");
            }
        }
        for (String required : REQUIRED_COLUMNS) {
            if (!columns.containsKey(required)) {
                throw new OwnersCsvException("line 1: the header has no column " + required + "; required columns are "
                        + String.join(", ", REQUIRED_COLUMNS));
            }
        }
        return columns;
    }

    private final class RowReader {
        private final CsvLines.Row row;
        private final Map<String, Integer> columns;

        RowReader(CsvLines.Row row, Map<String, Integer> columns) {
            this.row = row;
            this.columns = columns;
        }

        OwnerProfile profile() {
            String ownerId = required("owner_id");
            List<String> vins = Arrays.stream(required("vins").split(";")).map(String::strip).filter(v -> !v.isEmpty()).toList();
            if (vins.isEmpty()) {
                throw problem("vins", "is empty; list the owner's VINs separated by ';'");
            }
            double value = number("lifetime_value_cny");
            int visits = count("visits_last_12_months");
            String zone = optional("time_zone");
            ZoneId zoneId = zone == null ? ZoneOffset.UTC : zoneId(zone);
            checkTime("quiet_hours_start");
            checkTime("quiet_hours_end");
            return new OwnerProfile(OwnerProfile.SCHEMA_VERSION, ownerId, vins, value, visits, lastVisit(zoneId),
                    instant("last_interaction_at"), consent(), zone, locale(), optional("preferred_workshop_id"),
                    optional("preferred_workshop_name"), optional("service_advisor"), importedAt.toEpochMilli());
        }

        private Map<Channel, Boolean> consent() {
            Map<Channel, Boolean> consent = new EnumMap<>(Channel.class);
            CONSENT_COLUMNS.forEach((column, channel) -> {
                String text = optional(column);
                if (text == null) {
                    return;
                }
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> consent.put(channel, true);
                    case "false" -> consent.put(channel, false);
                    default -> throw problem(column, "is " + quote(text) + "; consent must be true, false or empty (= no consent)");
                }
            });
            return Collections.unmodifiableMap(consent);
        }

        private Long lastVisit(ZoneId zone) {
            String text = optional("last_visit_date");
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant().toEpochMilli();
            } catch (DateTimeException e) {
                throw problem("last_visit_date", "is " + quote(text) + "; expected an ISO date such as 2026-05-31");
            }
        }

        private Long instant(String column) {
            String text = optional(column);
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeException e) {
                throw problem(column, "is " + quote(text) + "; expected an ISO instant such as 2026-05-31T09:30:00Z");
            }
        }

        private ZoneId zoneId(String zone) {
            try {
                return ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw problem("time_zone", "is " + quote(zone) + "; expected an IANA time zone such as Asia/Shanghai");
            }
        }

        private String locale() {
            String text = optional("locale");
            if (text == null) {
                return null;
            }
            try {
                return new Locale.Builder().setLanguageTag(text).build().toLanguageTag();
            } catch (IllformedLocaleException e) {
                throw problem("locale", "is " + quote(text) + "; expected a BCP 47 tag such as zh-CN or en-US");
            }
        }

        private void checkTime(String column) {
            String text = optional(column);
            if (text != null && !text.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
                throw problem(column, "is " + quote(text) + "; expected a time of day such as 22:00");
            }
        }

        private double number(String column) {
            String text = required(column);
            try {
                double value = Double.parseDouble(text);
                if (!Double.isFinite(value) || value < 0) {
                    throw problem(column, "is " + quote(text) + "; it must be a non-negative amount");
                }
                return value;
            } catch (NumberFormatException e) {
                throw problem(column, "is " + quote(text) + "; expected a number such as 12500.00");
            }
        }

        private int count(String column) {
            String text = required(column);
            try {
                int value = Integer.parseInt(text);
                if (value < 0) {
                    throw problem(column, "is " + quote(text) + "; a count cannot be negative");
                }
                return value;
            } catch (NumberFormatException e) {
                throw problem(column, "is " + quote(text) + "; expected a whole number such as 3");
            }
        }

        private String required(String column) {
            String value = optional(column);
            if (value == null) {
                throw problem(column, "is empty; every row needs it");
            }
            return value;
        }

        private String optional(String column) {
            Integer index = columns.get(column);
            if (index == null || index >= row.fields().size()) {
                return null;
            }
            String value = row.fields().get(index).strip();
            return value.isEmpty() ? null : value;
        }

        private OwnersCsvException problem(String column, String what) {
            return new OwnersCsvException("line " + row.line() + ": " + column + " " + what);
        }
    }

    private static String quote(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
}
