package io.pitwall.offers.policy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Step 5: inside quiet hours in the owner's time zone, a non-critical offer is held, not dropped,
 * until quiet hours end; the decision carries that instant for the caller's timer. The window may
 * cross midnight (22:00-08:00) or not (13:00-14:00); start is inclusive, end exclusive. A daylight
 * saving gap at the end time moves the release later by the gap, as {@link ZonedDateTime} resolves it.
 */
public final class QuietHoursRule implements PolicyStep {

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId defaultZone;

    public QuietHoursRule(LocalTime start, LocalTime end, ZoneId defaultZone) {
        this.start = start;
        this.end = end;
        this.defaultZone = defaultZone;
    }

    @Override
    public StepResult apply(PolicyContext context) {
        ZoneId zone = zoneOf(context.request().owner() == null ? null : context.request().owner().timeZone());
        Instant release = releaseAt(context.now(), zone);
        if (release == null) {
            return PolicyStep.proceed(context);
        }
        return PolicyStep.decided(context.decide(ReasonCode.QUIET_HOURS, context.treatment(), release));
    }

    /** The end of the quiet hours {@code now} falls in, or null if it is outside them. */
    public Instant releaseAt(Instant now, ZoneId zone) {
        if (start.equals(end)) {
            return null;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        boolean crossesMidnight = start.isAfter(end);
        if (crossesMidnight) {
            if (!time.isBefore(start)) {
                return ZonedDateTime.of(date.plusDays(1), end, zone).toInstant();
            }
            if (time.isBefore(end)) {
                return ZonedDateTime.of(date, end, zone).toInstant();
            }
            return null;
        }
        return !time.isBefore(start) && time.isBefore(end) ? ZonedDateTime.of(date, end, zone).toInstant() : null;
    }

    private ZoneId zoneOf(String id) {
        if (id == null || id.isBlank()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return defaultZone;
        }
    }
}
