package io.pitwall.jobs.offers;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.contracts.notices.VehicleNoticeRecord;
import io.pitwall.contracts.offers.ServiceOffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Owners, alerts and events for the offer job's tests, and an {@link OfferOutput} that keeps what it is given. */
final class OfferFixtures {

    static final String OWNER = "OWN-000001";
    static final String VIN = "LSVAU2180N2000001";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private OfferFixtures() {
    }

    static Instant shanghai(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute).atZone(SHANGHAI).toInstant();
    }

    /** A MID owner of {@link #VIN}, active, consenting to marketing on WeCom only. */
    static OwnerProfile owner(long updatedAt) {
        return owner(Map.of(Channel.WECOM, true), updatedAt);
    }

    static OwnerProfile owner(Map<Channel, Boolean> consent, long updatedAt) {
        return new OwnerProfile(OwnerProfile.SCHEMA_VERSION, OWNER, List.of(VIN), 12_000, 2,
                shanghai(1, 10, 0).toEpochMilli(), null, new HashMap<>(consent), "Asia/Shanghai", "en", "WS-1",
                "Pudong Service Centre", null, updatedAt);
    }

    static Alert alert(AlertKind kind, Severity severity, AlertState state, Instant at) {
        return new Alert(Alert.SCHEMA_VERSION, Alert.alertId(VIN, kind, at.toEpochMilli()), VIN, kind, severity, state,
                at.toEpochMilli(), at.toEpochMilli(), new HashMap<>(), null);
    }

    static Alert alertWithId(String alertId, AlertKind kind, Severity severity, AlertState state, Instant at) {
        return new Alert(Alert.SCHEMA_VERSION, alertId, VIN, kind, severity, state, at.toEpochMilli(), at.toEpochMilli(),
                new HashMap<>(), null);
    }

    static VehicleEvent serviceDone(Instant at) {
        return new VehicleEvent(VIN, 7, at.toEpochMilli(), EventType.SERVICE_DONE, null, null);
    }

    static OfferEvent optOut(Channel channel, Instant at) {
        return new OfferEvent(OfferEvent.SCHEMA_VERSION, "ev-1", "offer-1", OWNER, OfferEventType.OPTED_OUT, at.toEpochMilli(),
                channel, Map.of());
    }

    /** Keeps every call, in order. */
    static final class Recorded implements OfferOutput {
        final List<ServiceOffer> decided = new ArrayList<>();
        final List<VehicleNoticeRecord> notices = new ArrayList<>();
        final List<ServiceOffer> delivered = new ArrayList<>();
        final List<Instant> wakes = new ArrayList<>();
        final List<String> replays = new ArrayList<>();

        @Override
        public void decided(ServiceOffer offer) {
            decided.add(offer);
        }

        @Override
        public void toHeadUnit(ServiceOffer offer, VehicleNoticeRecord notice) {
            notices.add(notice);
        }

        @Override
        public void toDeliver(ServiceOffer offer) {
            delivered.add(offer);
        }

        @Override
        public void wakeAt(Instant at) {
            wakes.add(at);
        }

        @Override
        public void replaySkipped(String offerId) {
            replays.add(offerId);
        }

        ServiceOffer last() {
            return decided.get(decided.size() - 1);
        }
    }
}
