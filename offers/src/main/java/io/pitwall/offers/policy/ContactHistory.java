package io.pitwall.offers.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offers an owner has received, as the frequency cap, the cool-down and the lifecycle rule need
 * them. An immutable value: the Flink operator keeps one per owner in state, adds a contact for
 * every offer that went out ({@link #with}) and bounds it with {@link #prunedBefore}.
 */
public record ContactHistory(List<Contact> contacts) {

    private static final ContactHistory EMPTY = new ContactHistory(List.of());

    public ContactHistory {
        contacts = List.copyOf(contacts);
    }

    public static ContactHistory empty() {
        return EMPTY;
    }

    public ContactHistory with(Contact contact) {
        List<Contact> more = new ArrayList<>(contacts);
        more.add(contact);
        more.sort(Comparator.comparing(Contact::at));
        return new ContactHistory(more);
    }

    /** Marketing touches with {@code after < at <= until}: the rolling window of the cap. */
    public int marketingTouches(Instant after, Instant until) {
        int n = 0;
        for (Contact c : contacts) {
            if (c.marketing() && c.at().isAfter(after) && !c.at().isAfter(until)) {
                n++;
            }
        }
        return n;
    }

    /** When this recommendation last went out to the owner. */
    public Optional<Instant> lastSent(String recommendation) {
        Instant last = null;
        for (Contact c : contacts) {
            if (c.recommendation().equals(recommendation) && (last == null || c.at().isAfter(last))) {
                last = c.at();
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * Drops contacts before {@code cutoff} but keeps the latest of each recommendation, so that
     * cool-downs longer than the cap window and the "already surveyed" fact survive. State stays
     * bounded by the window's touches plus one per recommendation.
     */
    public ContactHistory prunedBefore(Instant cutoff) {
        Map<String, Contact> latest = new HashMap<>();
        for (Contact c : contacts) {
            latest.merge(c.recommendation(), c, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        List<Contact> kept = new ArrayList<>();
        for (Contact c : contacts) {
            if (!c.at().isBefore(cutoff) || latest.get(c.recommendation()) == c) {
                kept.add(c);
            }
        }
        return kept.size() == contacts.size() ? this : new ContactHistory(kept);
    }
}
