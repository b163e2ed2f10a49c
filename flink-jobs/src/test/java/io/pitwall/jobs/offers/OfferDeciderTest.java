package io.pitwall.jobs.offers;

import static io.pitwall.jobs.offers.OfferFixtures.OWNER;
import static io.pitwall.jobs.offers.OfferFixtures.alert;
import static io.pitwall.jobs.offers.OfferFixtures.owner;
import static io.pitwall.jobs.offers.OfferFixtures.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.notices.VehicleNoticeRecord;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decider in Flink's operator harness: state through the state backend, timers on the watermark, snapshots. */
class OfferDeciderTest {

    private KeyedOneInputStreamOperatorTestHarness<String, OwnerInput, ServiceOffer> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, OwnerInput, ServiceOffer> newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new OfferDecider(OfferSettings.defaults())),
                OwnerInput::getOwnerId, Types.STRING);
    }

    private void send(OwnerInput input) throws Exception {
        harness.processElement(input, input.time);
    }

    private static OwnerInput profile(OwnerProfile profile) {
        return OwnerInput.profile(profile, Json.write(profile));
    }

    private static OwnerInput fact(Alert alert) {
        return OwnerInput.fact(OWNER, new VehicleFact(alert.vin(), FactKind.ALERT, alert.eventTime(), Json.write(alert)));
    }

    private List<ServiceOffer> decisions() {
        return harness.extractOutputValues();
    }

    @Test
    void aNightAlertIsHeldAndReleasedWhenTheWatermarkPassesEightInTheMorning() throws Exception {
        Instant night = shanghai(20, 23, 30);
        send(profile(owner(0)));
        send(fact(alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, night)));

        assertThat(decisions()).singleElement().satisfies(d -> assertThat(d.decision()).isEqualTo(Decision.HELD));
        assertThat(harness.getSideOutput(OfferDecider.TO_DELIVER)).isNull();

        harness.processWatermark(shanghai(21, 7, 59).toEpochMilli());
        assertThat(decisions()).hasSize(1);

        harness.processWatermark(shanghai(21, 8, 0).toEpochMilli());
        assertThat(decisions()).hasSize(2);
        ServiceOffer sent = decisions().get(1);
        assertThat(sent.decision()).isEqualTo(Decision.SENT);
        assertThat(harness.getSideOutput(OfferDecider.TO_DELIVER)).extracting(StreamRecord::getValue).containsExactly(sent);
    }

    @Test
    void theHeldOfferSurvivesASnapshotAndRestore() throws Exception {
        Instant night = shanghai(20, 23, 30);
        send(profile(owner(0)));
        send(fact(alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, night)));
        var snapshot = harness.snapshot(1, night.toEpochMilli());
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.processWatermark(shanghai(21, 8, 0).toEpochMilli());

        assertThat(decisions()).singleElement().satisfies(d -> assertThat(d.decision()).isEqualTo(Decision.SENT));
    }

    @Test
    void anOptOutOnOfferEventsTakesEffectForTheNextDecision() throws Exception {
        Instant morning = shanghai(20, 10, 0);
        send(profile(owner(0)));
        OfferEvent optOut = new OfferEvent(OfferEvent.SCHEMA_VERSION, "e-1", "o-1", OWNER, OfferEventType.OPTED_OUT,
                morning.toEpochMilli(), Channel.WECOM, Map.of());
        send(OwnerInput.optOut(optOut, Json.write(optOut)));
        send(fact(alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, morning.plusSeconds(1))));

        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.decision()).isEqualTo(Decision.SUPPRESSED);
            assertThat(d.decisionReason()).isEqualTo("no-marketing-consent");
        });
    }

    @Test
    void aCriticalAlertBecomesAHeadUnitNoticeAndItsDeliveryEvent() throws Exception {
        Instant night = shanghai(20, 2, 0);
        send(profile(owner(Map.of(), 0)));
        send(fact(alert(AlertKind.COOLANT_OVERHEAT, Severity.CRITICAL, AlertState.OPEN, night)));

        ServiceOffer safety = decisions().get(0);
        assertThat(safety.channel()).isEqualTo(Channel.HEAD_UNIT);
        KeyedBytes notice = harness.getSideOutput(OfferDecider.NOTICES).peek().getValue();
        assertThat(notice.key).isEqualTo(OfferFixtures.VIN);
        assertThat(Json.read(notice.value, VehicleNoticeRecord.class).notice().noticeId()).isEqualTo(safety.offerId());
        KeyedBytes event = harness.getSideOutput(OfferDecider.EVENTS).peek().getValue();
        assertThat(event.key).isEqualTo(OWNER);
        OfferEvent delivered = Json.read(event.value, OfferEvent.class);
        assertThat(delivered.type()).isEqualTo(OfferEventType.DELIVERED);
        assertThat(delivered.offerId()).isEqualTo(safety.offerId());
    }

    @Test
    void anErasureClearsTheOwnersState() throws Exception {
        send(profile(owner(0)));
        send(OwnerInput.erased(OWNER, shanghai(20, 10, 0).toEpochMilli()));

        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
