package io.pitwall.offers.channels;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.notices.Action;
import io.pitwall.contracts.notices.NoticeKind;
import io.pitwall.contracts.notices.VehicleNoticeRecord;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadUnitChannelTest {

    private final HeadUnitChannel channel = HeadUnitChannel.defaults();

    @Test
    void anOfferBecomesAnOfferNoticeWithABookingButton() {
        ServiceOffer offer = Offers.offer();
        VehicleNoticeRecord record = channel.notice(offer, null);

        assertThat(record.vin()).isEqualTo(offer.vin());
        assertThat(record.schemaVersion()).isEqualTo(VehicleNoticeRecord.SCHEMA_VERSION);
        assertThat(record.notice().noticeId()).isEqualTo(offer.offerId());
        assertThat(record.notice().kind()).isEqualTo(NoticeKind.OFFER);
        assertThat(record.notice().severity()).isEqualTo(Severity.INFO);
        assertThat(record.notice().title()).isEqualTo(offer.title());
        assertThat(record.notice().actions()).containsExactly(new Action("一键预约", offer.bookingUrl()));
        assertThat(record.notice().expiresAt()).isEqualTo(offer.decidedAt() + Duration.ofDays(7).toMillis());
        assertThat(Json.read(Json.write(record), VehicleNoticeRecord.class)).isEqualTo(record);
    }

    @Test
    void aSafetyDecisionBecomesAnAlertNoticeWithTheAlertsSeverity() {
        ServiceOffer safety = new ServiceOffer(1, "o-9", "OWN-1", "LSVAU2180N2000001", "COOLING_CHECK", Decision.SENT, "safety-critical",
                Channel.HEAD_UNIT, Tier.MID, Lifecycle.ACTIVE, null, null, "t", "en", "Engine hot", "Stop safely.", null, "ALERT", "a",
                1L, 1_000L, null);
        VehicleNoticeRecord record = channel.notice(safety, Severity.CRITICAL);
        assertThat(record.notice().kind()).isEqualTo(NoticeKind.ALERT);
        assertThat(record.notice().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(record.notice().actions()).isEmpty();
        assertThat(record.notice().expiresAt()).isEqualTo(1_000L + Duration.ofDays(2).toMillis());
    }

    @Test
    void aHeldOfferExpiresCountedFromItsRelease() {
        ServiceOffer o = Offers.offer();
        ServiceOffer held = new ServiceOffer(1, o.offerId(), o.ownerId(), o.vin(), o.recommendation(), Decision.HELD, "quiet-hours",
                o.channel(), o.tier(), o.lifecycle(), null, null, o.templateId(), "en", o.title(), o.body(), o.bookingUrl(),
                o.triggerType(), o.triggerId(), 1L, 1_000L, 50_000L);
        VehicleNoticeRecord record = channel.notice(held, null);
        assertThat(record.notice().expiresAt()).isEqualTo(50_000L + Duration.ofDays(7).toMillis());
        assertThat(record.notice().actions().get(0).label()).isEqualTo("Book now");
    }

    @Test
    void needsAVehicle() {
        ServiceOffer o = Offers.offer();
        ServiceOffer noVin = new ServiceOffer(1, o.offerId(), o.ownerId(), null, o.recommendation(), o.decision(), null, o.channel(),
                o.tier(), o.lifecycle(), null, null, null, null, o.title(), o.body(), null, o.triggerType(), o.triggerId(), 1L, 1L, null);
        assertThatThrownBy(() -> channel.notice(noVin, null)).hasMessageContaining("needs a VIN");
    }
}
