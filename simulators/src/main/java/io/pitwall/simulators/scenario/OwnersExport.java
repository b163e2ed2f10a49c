package io.pitwall.simulators.scenario;

import io.pitwall.contracts.owners.Channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The owners of a simulated fleet as a CRM would export them: about one in ten owns two cars;
 * lifetime value and visits spread over the HIGH / MID / POTENTIAL tiers; consent given per
 * channel; quiet hours in the owner's time zone (the car's city); a preferred workshop in that
 * city. Deterministic from the fleet seed.
 */
public final class OwnersExport {

    public static final List<String> COLUMNS = List.of("owner_id", "vins", "lifetime_value_cny", "visits_last_12_months",
            "last_visit_date", "consent_webhook", "consent_wecom", "consent_app", "consent_head_unit",
            "quiet_hours_start", "quiet_hours_end", "time_zone", "locale", "preferred_workshop_id",
            "preferred_workshop_name", "service_advisor");
    private static final String[] WORKSHOP_SUFFIXES = {"4S Store", "Service Centre", "Auto Care"};
    private static final String[] ADVISORS = {"Li Na", "Wang Lei", "Zhang Wei", "Liu Yang", "Chen Jing", "Zhao Min"};

    private OwnersExport() {
    }

    static List<OwnerRecord> owners(long seed, int vehicles, IntFunction<VehicleProfile> profiles, Instant asOf) {
        SplittableRandom random = new SplittableRandom(seed * 7919 + 17);
        List<OwnerRecord> owners = new ArrayList<>();
        int i = 0;
        while (i < vehicles) {
            VehicleProfile first = profiles.apply(i);
            List<String> vins = new ArrayList<>(List.of(first.vin()));
            if (i + 1 < vehicles && random.nextDouble() < 0.1) {
                vins.add(profiles.apply(i + 1).vin());
                i++;
            }
            i++;
            owners.add(owner(first, vins, random, asOf));
        }
        return owners;
    }

    private static OwnerRecord owner(VehicleProfile car, List<String> vins, SplittableRandom random, Instant asOf) {
        String ownerId = String.format("OWN-%s", car.vin().substring(11));
        double tierDraw = random.nextDouble();
        double value;
        int visits;
        if (tierDraw < 0.15) {
            value = 30_000 + random.nextDouble() * 50_000;
            visits = 4 + random.nextInt(4);
        } else if (tierDraw < 0.55) {
            value = 10_000 + random.nextDouble() * 20_000;
            visits = 2 + random.nextInt(2);
        } else {
            value = random.nextDouble() * 10_000;
            visits = random.nextInt(2);
        }
        value *= vins.size();
        ZoneId zone = ZoneId.of(car.city().timeZone());
        LocalDate today = asOf.atZone(zone).toLocalDate();
        LocalDate lastVisit = visits > 0 ? today.minusDays(1 + random.nextInt(Math.max(30, 365 / visits)))
                : random.nextDouble() < 0.5 ? today.minusDays(365 + random.nextInt(400)) : null;
        Map<Channel, Boolean> consent = new EnumMap<>(Channel.class);
        consent.put(Channel.WEBHOOK, random.nextDouble() < 0.5);
        consent.put(Channel.WECOM, random.nextDouble() < 0.7);
        consent.put(Channel.APP, random.nextDouble() < 0.6);
        consent.put(Channel.HEAD_UNIT, random.nextDouble() < 0.8);
        int workshop = random.nextInt(3);
        String workshopId = "WS-" + car.city().name().substring(0, 3).toUpperCase(java.util.Locale.ROOT) + "-" + (workshop + 1);
        String workshopName = car.city().name() + " " + WORKSHOP_SUFFIXES[workshop];
        String advisor = tierDraw < 0.15 ? ADVISORS[random.nextInt(ADVISORS.length)] : null;
        String locale = car.city().name().equals("Urumqi") && random.nextDouble() < 0.3 ? "ug-CN"
                : random.nextDouble() < 0.05 ? "en-US" : "zh-CN";
        return new OwnerRecord(ownerId, List.copyOf(vins), Math.round(value * 100) / 100.0, visits, lastVisit, consent,
                "22:00", "08:00", car.city().timeZone(), locale, workshopId, workshopName, advisor);
    }

    /** The CSV text: a header with {@link #COLUMNS}, one row per owner, VINs separated by ';'. */
    public static String csv(List<OwnerRecord> owners) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (OwnerRecord o : owners) {
            out.append(String.join(",", List.of(
                    o.ownerId(), String.join(";", o.vins()), String.format(java.util.Locale.ROOT, "%.2f", o.lifetimeValueCny()),
                    Integer.toString(o.visitsLast12Months()), o.lastVisitDate() == null ? "" : o.lastVisitDate().toString(),
                    o.consent().get(Channel.WEBHOOK).toString(), o.consent().get(Channel.WECOM).toString(),
                    o.consent().get(Channel.APP).toString(), o.consent().get(Channel.HEAD_UNIT).toString(),
                    o.quietHoursStart(), o.quietHoursEnd(), o.timeZone(), o.locale(), o.preferredWorkshopId(),
                    quote(o.preferredWorkshopName()), o.serviceAdvisor() == null ? "" : quote(o.serviceAdvisor()))))
                    .append('\n');
        }
        return out.toString();
    }

    public static void write(List<OwnerRecord> owners, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, csv(owners));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the owners export to " + file, e);
        }
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
