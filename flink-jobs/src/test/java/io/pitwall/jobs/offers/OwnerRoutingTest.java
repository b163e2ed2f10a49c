package io.pitwall.jobs.offers;

import static io.pitwall.jobs.offers.OfferFixtures.VIN;
import static io.pitwall.jobs.offers.OfferFixtures.owner;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.owners.OwnerProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** How facts about a vehicle find the vehicle's owners: the ownership links and the router. */
class OwnerRoutingTest {

    private static OwnerInput profile(String ownerId, List<String> vins) {
        OwnerProfile p = owner(0);
        OwnerProfile other = new OwnerProfile(p.schemaVersion(), ownerId, vins, p.lifetimeValueCny(), p.visitsLast12Months(),
                p.lastVisitAt(), p.lastInteractionAt(), p.marketingConsent(), p.timeZone(), p.locale(), p.preferredWorkshopId(),
                p.preferredWorkshopName(), p.serviceAdvisor(), p.updatedAt());
        return OwnerInput.profile(other, Json.write(other));
    }

    private static VehicleFact fact(String vin, long time) {
        return new VehicleFact(vin, FactKind.ALERT, time, "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aProfileLinksItsVehiclesAndUnlinksTheOnesItNoLongerNames() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new OwnershipLinker()),
                OwnerInput::getOwnerId, Types.STRING)) {
            harness.open();
            harness.processElement(profile("OWN-1", List.of("VIN-A", "VIN-B")), 1);
            harness.processElement(profile("OWN-1", List.of("VIN-B", "VIN-C")), 2);
            harness.processElement(OwnerInput.erased("OWN-1", 3), 3);

            assertThat(harness.extractOutputValues()).extracting(l -> l.vin + (l.linked ? "+" : "-")).containsExactly(
                    "VIN-A+", "VIN-B+",
                    "VIN-A-", "VIN-B+", "VIN-C+",
                    "VIN-B-", "VIN-C-");
        }
    }

    @Test
    void factsReachEveryOwnerAndWaitForAnOwnerThatIsNotYetKnown() throws Exception {
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new VinOwnerRouter(60_000, 2)),
                VehicleFact::getVin, VinLink::getVin, Types.STRING)) {
            harness.open();
            harness.processElement1(fact(VIN, 1_000), 1_000);
            harness.processElement1(fact(VIN, 2_000), 2_000);
            harness.processElement1(fact(VIN, 3_000), 3_000);
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processElement2(new VinLink(VIN, "OWN-1", true), 3_500);
            assertThat(harness.extractOutputValues()).extracting(i -> i.ownerId + "@" + i.time)
                    .as("the oldest of three waiting facts was dropped: at most two wait")
                    .containsExactly("OWN-1@2000", "OWN-1@3000");

            harness.processElement2(new VinLink(VIN, "OWN-2", true), 4_000);
            harness.processElement1(fact(VIN, 5_000), 5_000);
            assertThat(harness.extractOutputValues()).extracting(i -> i.ownerId + "@" + i.time)
                    .containsSubsequence("OWN-1@5000").containsSubsequence("OWN-2@5000").hasSize(4);
        }
    }

    @Test
    void aFactWithNoOwnerIsForgottenAfterTheRetention() throws Exception {
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new VinOwnerRouter(60_000, 16)),
                VehicleFact::getVin, VinLink::getVin, Types.STRING)) {
            harness.open();
            harness.processElement1(fact(VIN, 1_000), 1_000);
            harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(61_000));
            harness.processElement2(new VinLink(VIN, "OWN-1", true), 62_000);

            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }
}
