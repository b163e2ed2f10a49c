package io.pitwall.sink.clickhouse.tables;

import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.sink.clickhouse.sink.RowBuffer;
import io.pitwall.sink.clickhouse.sink.RowEncoder;
import io.pitwall.sink.clickhouse.testing.Fixtures;
import io.pitwall.sink.clickhouse.testing.RowBinaryReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static io.pitwall.sink.clickhouse.testing.Fixtures.T0;
import static io.pitwall.sink.clickhouse.testing.Fixtures.VIN;
import static org.assertj.core.api.Assertions.assertThat;

class ContractRowEncodersTest {

    @Test
    void alertRowCarriesTheEpisodeIdStateBothTimesAndEvidenceAsJson() throws IOException {
        var alert = Fixtures.alert(VIN, AlertKind.COOLANT_OVERHEAT, Severity.CRITICAL, AlertState.ESCALATED, T0, T0 + 61_234);
        RowBinaryReader r = encode(new AlertRowEncoder(), alert);
        assertThat(r.string()).isEqualTo(alert.alertId());
        assertThat(r.string()).isEqualTo(VIN);
        assertThat(r.string()).isEqualTo("COOLANT_OVERHEAT");
        assertThat(r.string()).isEqualTo("CRITICAL");
        assertThat(r.string()).isEqualTo("ESCALATED");
        assertThat(r.uint32()).as("DateTime in whole seconds").isEqualTo((T0 + 61_234) / 1000);
        assertThat(r.uint64()).isEqualTo(T0 + 61_234);
        assertThat(r.uint64()).isEqualTo(T0 + 61_234 + 1500);
        assertThat(r.string()).contains("\"threshold\":115").contains("\"value\":118.5");
        assertThat(r.string()).isEqualTo("Stop and let the engine cool");
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void serviceDoneEventCopiesItemsAndOdometerOutOfItsDetail() throws IOException {
        RowBinaryReader r = encode(new VehicleEventRowEncoder(),
                Fixtures.serviceDone(VIN, -2L, T0, 48_210.0, "BRAKE_PADS_FRONT", "OIL_CHANGE"));
        assertThat(r.string()).isEqualTo(VIN);
        assertThat(r.uint64()).as("uint64 seq keeps every bit").isEqualTo(-2L);
        assertThat(r.uint32()).isEqualTo(T0 / 1000);
        assertThat(r.uint64()).isEqualTo(T0);
        assertThat(r.string()).isEqualTo("SERVICE_DONE");
        assertThat(r.string()).as("no DTC").isEmpty();
        assertThat(r.strings()).containsExactly("BRAKE_PADS_FRONT", "OIL_CHANGE");
        assertThat(r.nullableFloat64()).isEqualTo(48_210.0);
        assertThat(r.string()).isEqualTo("{\"items\":[\"BRAKE_PADS_FRONT\",\"OIL_CHANGE\"],\"odometerKm\":48210.0}");
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void dtcEventHasItsCodeAndNoServiceFacts() throws IOException {
        RowBinaryReader r = encode(new VehicleEventRowEncoder(), Fixtures.dtcSet(VIN, 7, T0, "P0217"));
        r.string();
        r.uint64();
        r.uint32();
        r.uint64();
        assertThat(r.string()).isEqualTo("DTC_SET");
        assertThat(r.string()).isEqualTo("P0217");
        assertThat(r.strings()).isEmpty();
        assertThat(r.isNull()).isTrue();
        assertThat(r.string()).isEmpty();
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void healthPredictionFlattensEachPartAndWritesNullsForMissingOnes() throws IOException {
        RowBinaryReader r = encode(new HealthPredictionRowEncoder(),
                Fixtures.full(VIN, T0, 71.5, 800.0, null, "WEAK", 0.4, 88.0));
        assertThat(r.string()).isEqualTo(VIN);
        assertThat(r.uint32()).isEqualTo(T0 / 1000);
        assertThat(r.uint64()).isEqualTo(T0);
        assertThat(r.nullableFloat64()).isEqualTo(48_210.5);
        assertThat(r.nullableFloat32()).isEqualTo(71.5f);
        assertThat(r.nullableFloat32()).isEqualTo(800f);
        assertThat(r.nullableFloat32()).as("days not projected yet").isNull();
        assertThat(r.nullableFloat32()).isEqualTo(0.8f);
        assertThat(r.nullableFloat32()).isEqualTo(20f);
        assertThat(r.nullableFloat32()).isEqualTo(30_000f);
        assertThat(r.nullableFloat32()).isEqualTo(400f);
        assertThat(r.nullableFloat32()).isEqualTo(0.5f);
        assertThat(r.string()).isEqualTo("WEAK");
        assertThat(r.nullableFloat32()).isEqualTo(12.1f);
        assertThat(r.nullableFloat32()).isEqualTo(0.4f);
        assertThat(r.nullableFloat32()).isEqualTo(88f);
        assertThat(r.nullableFloat32()).isEqualTo(1.2f);
        assertThat(r.nullableUInt16()).as("Date = days since 1970")
                .isEqualTo((int) LocalDate.parse("2029-03-01").toEpochDay());
        assertThat(r.nullableUInt16()).isNull();
        assertThat(r.nullableFloat32()).isEqualTo(0.7f);
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void aCarWithoutTractionBatteryGetsNullsThere() throws IOException {
        RowBinaryReader r = encode(new HealthPredictionRowEncoder(), Fixtures.brakePads(VIN, T0, 50, 5_000.0, 60.0));
        r.string();
        r.uint32();
        r.uint64();
        r.nullableFloat64();
        for (int i = 0; i < 4; i++) {
            assertThat(r.nullableFloat32()).isNotNull();
        }
        for (int i = 0; i < 4; i++) {
            assertThat(r.nullableFloat32()).as("rear axle not estimated").isNull();
        }
        assertThat(r.string()).isEqualTo("GOOD");
        r.nullableFloat32();
        r.nullableFloat32();
        assertThat(r.nullableFloat32()).isNull();
        assertThat(r.nullableFloat32()).isNull();
        assertThat(r.nullableUInt16()).isNull();
        assertThat(r.nullableUInt16()).isNull();
        assertThat(r.nullableFloat32()).isNull();
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void offerRowRecordsTheDecisionAndVariantButNeverTheRenderedTextOrPersonalLink() throws IOException {
        var offer = Fixtures.offer("offer-1", "owner-1", VIN, Decision.SUPPRESSED, Tier.HIGH, "exp-1", "B", "alert-1",
                T0, T0 + 90_000);
        byte[] bytes = bytes(new ServiceOfferRowEncoder(), offer);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("王先生").doesNotContain("owner's name").doesNotContain("personal-token");

        RowBinaryReader r = new RowBinaryReader(bytes);
        assertThat(List.of(r.string(), r.string(), r.string(), r.string(), r.string(), r.string(), r.string(),
                r.string(), r.string(), r.string(), r.string(), r.string(), r.string(), r.string(), r.string()))
                .containsExactly("offer-1", "SUPPRESSED", "owner-1", VIN, "BRAKE_PADS_FRONT", "frequency-cap", "WECOM",
                        "HIGH", "ACTIVE", "exp-1", "B", "brake-pads-v2", "zh-CN", "ALERT", "alert-1");
        assertThat(r.uint32()).isEqualTo(T0 / 1000);
        assertThat(r.uint64()).isEqualTo(T0);
        assertThat(r.uint32()).isEqualTo((T0 + 90_000) / 1000);
        assertThat(r.uint64()).isEqualTo(T0 + 90_000);
        assertThat(r.nullableUInt64()).isNull();
        assertThat(r.atEnd()).isTrue();
        assertThat(new ServiceOfferRowEncoder().columns()).doesNotContain("title", "body", "booking_url");
    }

    @Test
    void offerEventKeepsChannelFactsSortedAndDropsContactData() throws IOException {
        RowBinaryReader r = encode(new OfferEventRowEncoder(),
                Fixtures.offerEvent("ev-1", "offer-1", "owner-1", OfferEventType.BOOKED, T0 + 5_000));
        assertThat(List.of(r.string(), r.string(), r.string(), r.string()))
                .containsExactly("ev-1", "offer-1", "owner-1", "BOOKED");
        assertThat(r.uint32()).isEqualTo((T0 + 5_000) / 1000);
        assertThat(r.uint64()).isEqualTo(T0 + 5_000);
        assertThat(r.string()).isEqualTo("WECOM");
        assertThat(r.strings()).containsExactly("bookingId");
        assertThat(r.strings()).containsExactly("B-1");
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void ownerRowHasWorkshopAndConsentButNotTheAdvisorOrLocale() throws IOException {
        byte[] bytes = bytes(new OwnerRowEncoder(), Fixtures.owner("owner-1", List.of(VIN), "ws-9", "Pudong 4S"));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("Advisor Li").doesNotContain("Asia/Shanghai");
        RowBinaryReader r = new RowBinaryReader(bytes);
        assertThat(r.string()).isEqualTo("owner-1");
        assertThat(r.strings()).containsExactly(VIN);
        assertThat(r.float64()).isEqualTo(35_000.0);
        assertThat(r.uint16()).isEqualTo(5);
        assertThat(r.nullableUInt64()).isEqualTo(T0 - 86_400_000L);
        assertThat(r.nullableUInt64()).isEqualTo(T0);
        assertThat(r.strings()).as("only explicit consent counts").containsExactly("WECOM");
        assertThat(r.string()).isEqualTo("ws-9");
        assertThat(r.string()).isEqualTo("Pudong 4S");
        assertThat(r.uint64()).isEqualTo(T0);
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void recognisesContactAttributesWhateverTheirSpelling() {
        assertThat(List.of("ownerPhone", "wecom_user_id", "E-Mail", "openId", "customerName"))
                .allMatch(PersonalData::isContactAttribute);
        assertThat(List.of("bookingId", "failureCode", "httpStatus", "workshopId"))
                .noneMatch(PersonalData::isContactAttribute);
    }

    private static <T> RowBinaryReader encode(RowEncoder<T> encoder, T element) throws IOException {
        return new RowBinaryReader(bytes(encoder, element));
    }

    /** Encodes into the sink's own buffer and into a plain stream; both must give the same bytes. */
    private static <T> byte[] bytes(RowEncoder<T> encoder, T element) throws IOException {
        RowBuffer fast = new RowBuffer(16);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        assertThat(encoder.encode(element, fast)).isEqualTo(1);
        encoder.encode(element, plain);
        assertThat(fast.toByteArray()).isEqualTo(plain.toByteArray());
        return fast.toByteArray();
    }
}
