package io.pitwall.offers.channels;

import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.notices.Action;
import io.pitwall.contracts.notices.Notice;
import io.pitwall.contracts.notices.NoticeKind;
import io.pitwall.contracts.notices.VehicleNoticeRecord;
import io.pitwall.contracts.offers.ServiceOffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Turns an offer into the {@code vehicle.notices} record the gateway publishes to the car's head
 * unit. A safety notice (reason {@code safety-critical}) is an ALERT notice with the alert's
 * severity; everything else is an OFFER notice at INFO. The notice id is the offer id, so a
 * re-sent record shows once. The caller writes the record to Kafka; that write is the delivery.
 */
public final class HeadUnitChannel {

    private final Duration offerLifetime;
    private final Duration safetyLifetime;

    /** @param offerLifetime how long the head unit shows an offer; safety notices use {@code safetyLifetime} */
    public HeadUnitChannel(Duration offerLifetime, Duration safetyLifetime) {
        this.offerLifetime = Objects.requireNonNull(offerLifetime, "offerLifetime");
        this.safetyLifetime = Objects.requireNonNull(safetyLifetime, "safetyLifetime");
    }

    public static HeadUnitChannel defaults() {
        return new HeadUnitChannel(Duration.ofDays(7), Duration.ofDays(2));
    }

    /** @param alertSeverity the triggering alert's severity, null for health and follow-up offers */
    public VehicleNoticeRecord notice(ServiceOffer offer, Severity alertSeverity) {
        if (offer.vin() == null) {
            throw new IllegalArgumentException("offer " + offer.offerId() + " names no vehicle; a head-unit notice needs a VIN");
        }
        boolean safety = "safety-critical".equals(offer.decisionReason());
        boolean chinese = offer.locale() != null && offer.locale().startsWith("zh");
        List<Action> actions = offer.bookingUrl() == null ? List.of()
                : List.of(new Action(chinese ? "一键预约" : "Book now", offer.bookingUrl()));
        long shownFrom = offer.sendAt() != null ? offer.sendAt() : offer.decidedAt();
        Notice notice = new Notice(offer.offerId(), safety ? NoticeKind.ALERT : NoticeKind.OFFER,
                safety ? (alertSeverity == null ? Severity.CRITICAL : alertSeverity) : Severity.INFO,
                offer.title(), offer.body(), actions, shownFrom + (safety ? safetyLifetime : offerLifetime).toMillis());
        return VehicleNoticeRecord.of(offer.vin(), notice);
    }
}
