package io.pitwall.jobs.offers;

import io.pitwall.contracts.notices.VehicleNoticeRecord;
import io.pitwall.contracts.offers.ServiceOffer;
import java.time.Instant;

/** Where {@link OwnerOfferEngine} puts what it decided; the Flink operator maps each call to an output or a timer. */
public interface OfferOutput {

    /** Every decision, sent or not, for {@code service.offers}. */
    void decided(ServiceOffer offer);

    /** A SENT offer for the head unit: the notice is the delivery. */
    void toHeadUnit(ServiceOffer offer, VehicleNoticeRecord notice);

    /** A SENT offer for an HTTP channel (webhook, app, WeCom). */
    void toDeliver(ServiceOffer offer);

    /** Call the engine's {@code onWake} at (or after) this instant. */
    void wakeAt(Instant at);

    /** A trigger seen again (a replay or a restore) and not decided twice. */
    default void replaySkipped(String offerId) {
    }

    /** A health condition that still holds, within its recheck interval: not decided again. */
    default void healthRepeatSkipped(String recommendation) {
    }
}
