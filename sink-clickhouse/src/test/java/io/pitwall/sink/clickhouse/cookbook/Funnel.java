package io.pitwall.sink.clickhouse.cookbook;

import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.owners.Tier;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Two A/B experiments with known outcomes, and the figures the funnel queries must report for
 * them, computed here independently of the SQL. pads-2025: A books 20 of 200, B 44 of 200 (a
 * significant lift); tone-2025: A 10 of 100, B 12 of 100 (noise). Every fifth offer is also
 * recorded as SUPPRESSED under another id, which must not count as sent.
 */
final class Funnel {

    record Offer(String id, String ownerId, Tier tier, String experiment, String variant, boolean suppressed,
                 List<OfferEventType> events) {
    }

    static final List<Offer> OFFERS = build();

    private Funnel() {
    }

    private static List<Offer> build() {
        List<Offer> offers = new ArrayList<>();
        add(offers, "pads-2025", "A", 200, 20);
        add(offers, "pads-2025", "B", 200, 44);
        add(offers, "tone-2025", "A", 100, 10);
        add(offers, "tone-2025", "B", 100, 12);
        return offers;
    }

    private static void add(List<Offer> offers, String experiment, String variant, int sent, int booked) {
        Tier[] tiers = Tier.values();
        for (int i = 0; i < sent; i++) {
            String id = experiment + "-" + variant + "-" + i;
            List<OfferEventType> events = new ArrayList<>();
            if (i % 10 != 9) {
                events.add(OfferEventType.DELIVERED);
            }
            if (i < booked) {
                // Some bookings arrive without an OPENED reply; half of them are serviced.
                if (i % 3 != 0) {
                    events.add(OfferEventType.CLICKED);
                }
                events.add(OfferEventType.BOOKED);
                if (i % 2 == 0) {
                    events.add(OfferEventType.SERVICED);
                }
            } else if (i % 4 == 0) {
                events.add(OfferEventType.OPENED);
            } else if (i % 4 == 1) {
                events.add(OfferEventType.DISMISSED);
            }
            Tier tier = tiers[i % tiers.length];
            offers.add(new Offer(id, "owner-" + experiment + "-" + i, tier, experiment, variant, false, events));
            if (i % 5 == 0) {
                offers.add(new Offer(id + "-suppressed", "owner-" + experiment + "-" + i, tier, experiment, variant,
                        true, List.of()));
            }
        }
    }

    /** "tier\tsent\tdelivered\topened\tbooked\tserviced", per tier in name order. */
    static List<String> expectedByTier() {
        Map<Tier, long[]> counts = new EnumMap<>(Tier.class);
        for (Offer o : OFFERS) {
            if (o.suppressed()) {
                continue;
            }
            long[] c = counts.computeIfAbsent(o.tier(), t -> new long[5]);
            int stage = 0;
            for (OfferEventType type : o.events()) {
                stage = Math.max(stage, switch (type) {
                    case DELIVERED -> 1;
                    case OPENED, CLICKED -> 2;
                    case BOOKED -> 3;
                    case SERVICED -> 4;
                    default -> 0;
                });
            }
            c[0]++;
            for (int s = 1; s <= stage; s++) {
                c[s]++;
            }
        }
        // The alert-triggered offers of the fleet are SENT to a MID-tier owner and never answered.
        counts.get(Tier.MID)[0] += 3;
        List<String> rows = new ArrayList<>();
        counts.keySet().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(t -> {
            long[] c = counts.get(t);
            rows.add(t.name() + "\t" + c[0] + "\t" + c[1] + "\t" + c[2] + "\t" + c[3] + "\t" + c[4]);
        });
        return rows;
    }

    /** The two-proportion z statistic of variant (n2, x2) against control (n1, x1). */
    static double z(long n1, long x1, long n2, long x2) {
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        return (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    }
}
