package io.pitwall.simulators.scenario;

import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.events.VehicleEventDecoder;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryDecoder;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetScenarioTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private static FleetScenario.Builder fleet(long seed) {
        return FleetScenario.builder().seed(seed).vehicles(6).start(START).duration(Duration.ofDays(2));
    }

    @Test
    void sameSeedGivesIdenticalMessagesAndAnotherSeedDoesNot() {
        List<VehicleMessage> first = fleet(11).build().run().messages();
        List<VehicleMessage> again = fleet(11).build().run().messages();
        assertThat(first).isNotEmpty().isEqualTo(again);
        List<VehicleMessage> other = fleet(12).build().run().messages();
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void everyPayloadPassesTheGatewaysDecodersAndSeqNeverRepeatsForNewData() {
        FleetScenario.Run run = fleet(5).build().run();
        Clock clock = Clock.fixed(START.plus(Duration.ofDays(3)), ZoneOffset.UTC);
        TelemetryDecoder telemetry = new TelemetryDecoder(ContractLimits.defaults(), clock);
        VehicleEventDecoder events = new VehicleEventDecoder(ContractLimits.defaults(), clock);
        Set<String> seen = new HashSet<>();
        for (VehicleMessage m : run.messages()) {
            if (m.kind() == VehicleMessage.Kind.TELEMETRY) {
                TelemetryMessage decoded = telemetry.decode(m.vin(), m.payload(), PayloadFormat.JSON);
                for (Sample s : decoded.samples()) {
                    assertThat(seen.add(m.vin() + "/" + s.seq()) || m.resend()).as(m.toString()).isTrue();
                }
            } else if (m.kind() == VehicleMessage.Kind.EVENT) {
                VehicleEvent e = events.decode(m.vin(), m.payload(), PayloadFormat.JSON);
                assertThat(seen.add(m.vin() + "/" + e.seq()) || m.resend()).as(m.toString()).isTrue();
            }
        }
        assertThat(run.ofKind(VehicleMessage.Kind.EVENT)).isNotEmpty();
    }

    @Test
    void realisticMessIncludesBatchesResendsAndSamplesOutOfOrder() {
        FleetScenario.Run run = fleet(3).duration(Duration.ofDays(3)).build().run();
        assertThat(run.messages()).anyMatch(m -> m.json().contains("\"samples\":["));
        assertThat(run.messages()).anyMatch(VehicleMessage::resend);
        boolean outOfOrder = false;
        long[] lastSeq = new long[6];
        for (VehicleMessage m : run.ofKind(VehicleMessage.Kind.TELEMETRY)) {
            for (long seq : m.sampleSeqs()) {
                outOfOrder |= seq < lastSeq[m.vehicleIndex()] && !m.resend();
                lastSeq[m.vehicleIndex()] = Math.max(lastSeq[m.vehicleIndex()], seq);
            }
        }
        assertThat(outOfOrder).isTrue();
    }

    @Test
    void cleanSettingsSendEverySampleOnceInOrder() {
        FleetScenario.Run run = fleet(3).settings(ScenarioSettings.realistic().withMess(MessSettings.none())).build().run();
        long[] lastSeq = new long[6];
        for (VehicleMessage m : run.messages()) {
            assertThat(m.resend()).isFalse();
            assertThat(m.json()).doesNotContain("\"samples\"");
            if (m.kind() != VehicleMessage.Kind.STATUS) {
                long seq = m.kind() == VehicleMessage.Kind.EVENT ? Json.read(m.payload(), VehicleEvent.class).seq() : m.sampleSeqs()[0];
                assertThat(seq).isGreaterThan(lastSeq[m.vehicleIndex()]);
                lastSeq[m.vehicleIndex()] = seq;
            }
        }
    }

    @Test
    void aTripIsSampledAtTheDrivingRateFromTheIgnitionOn() {
        FleetScenario.Run run = fleet(3).settings(ScenarioSettings.realistic().withMess(MessSettings.none())).build().run();
        Map<Integer, Long> ignitionAt = new HashMap<>();
        int trips = 0;
        for (VehicleMessage m : run.messages()) {
            if (m.kind() == VehicleMessage.Kind.EVENT && m.event().type() == EventType.IGNITION_ON) {
                ignitionAt.put(m.vehicleIndex(), m.event().ts());
            } else if (m.kind() == VehicleMessage.Kind.TELEMETRY && ignitionAt.containsKey(m.vehicleIndex())) {
                long first = m.telemetry().samples().get(0).ts();
                assertThat(first - ignitionAt.remove(m.vehicleIndex())).as("first sample after the ignition (10 s sampling)")
                        .isLessThanOrEqualTo(10_000);
                trips++;
            }
        }
        assertThat(trips).isPositive();
    }

    @Test
    void theFleetMixesCombustionAndElectricCarsWithTheirOwnSignals() {
        FleetScenario scenario = FleetScenario.builder().seed(1).vehicles(12).start(START).duration(Duration.ofHours(12)).build();
        List<Powertrain> kinds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            kinds.add(scenario.profile(i).powertrain());
        }
        assertThat(kinds).contains(Powertrain.COMBUSTION, Powertrain.ELECTRIC);
        FleetScenario.Run run = scenario.run();
        for (VehicleMessage m : run.ofKind(VehicleMessage.Kind.TELEMETRY)) {
            boolean electric = scenario.profile(m.vehicleIndex()).electric();
            assertThat(m.json().contains("TractionBattery")).isEqualTo(electric);
            assertThat(m.json().contains("CombustionEngine")).isEqualTo(!electric);
        }
    }

    @Test
    void injectedFaultsShowTheirSymptomsAndAreInTheManifest() {
        FleetScenario scenario = FleetScenario.builder().seed(21).vehicles(8).start(START).duration(Duration.ofDays(4))
                .settings(ScenarioSettings.realistic().withMess(MessSettings.none()))
                .fault(new FaultSpec(FaultKind.COOLANT_OVERHEAT, firstOf(21, Powertrain.COMBUSTION), Duration.ofHours(6)))
                .fault(new FaultSpec(FaultKind.DTC, 1, Duration.ofHours(30), "P0301"))
                .fault(new FaultSpec(FaultKind.SLOW_TIRE_LEAK, 2, Duration.ZERO))
                .build();
        FleetScenario.Run run = scenario.run();
        GroundTruthManifest manifest = run.manifest();
        assertThat(manifest.faults()).hasSize(3);
        GroundTruthManifest.FaultEntry coolant = manifest.faults().stream().filter(f -> f.fault() == FaultKind.COOLANT_OVERHEAT).findFirst().orElseThrow();
        assertThat(coolant.expectedAlert()).isEqualTo("COOLANT_OVERHEAT");
        assertThat(coolant.firstSymptomAt()).isNotNull().isGreaterThanOrEqualTo(coolant.startsAt());
        assertThat(run.messages()).anyMatch(m -> m.vehicleIndex() == coolant.vehicleIndex()
                && m.json().contains("\"type\":\"DTC_SET\"") && m.json().contains("P0217"));
        GroundTruthManifest.FaultEntry dtc = manifest.faults().stream().filter(f -> f.fault() == FaultKind.DTC).findFirst().orElseThrow();
        VehicleMessage dtcSet = run.ofKind(VehicleMessage.Kind.EVENT).stream()
                .filter(m -> m.vehicleIndex() == 1 && m.json().contains("P0301")).findFirst().orElseThrow();
        assertThat(Json.read(dtcSet.payload(), VehicleEvent.class).type()).isEqualTo(EventType.DTC_SET);
        assertThat(dtc.firstSymptomAt()).isGreaterThanOrEqualTo(dtc.startsAt());
        GroundTruthManifest.FaultEntry leak = manifest.faults().stream().filter(f -> f.fault() == FaultKind.SLOW_TIRE_LEAK).findFirst().orElseThrow();
        assertThat(leak.wheel()).startsWith("Row");
        GroundTruthManifest.VehicleEntry leaking = manifest.vehicles().get(2);
        int wheel = List.of(io.pitwall.simulators.physics.TireModel.WHEELS).indexOf(leak.wheel());
        assertThat(leaking.last().tyreColdKpa()[wheel]).isLessThan(leaking.initial().tyreColdKpa()[wheel] - 15);

        GroundTruthManifest back = Json.read(manifest.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), GroundTruthManifest.class);
        assertThat(back.faults()).isEqualTo(manifest.faults());
        assertThat(back.vehicles()).hasSize(8);
    }

    @Test
    void fastPadWearWearsPadsFasterThanTheSameCarWithout() {
        FleetScenario.Builder base = FleetScenario.builder().seed(8).vehicles(2).start(START).duration(Duration.ofDays(3))
                .settings(ScenarioSettings.realistic().withMess(MessSettings.none()));
        GroundTruthManifest healthy = base.build().run().manifest();
        GroundTruthManifest faulty = base.fault(new FaultSpec(FaultKind.FAST_PAD_WEAR, 0, Duration.ZERO)).build().run().manifest();
        double healthyWear = healthy.vehicles().get(0).initial().frontPadMm() - healthy.vehicles().get(0).last().frontPadMm();
        double faultyWear = faulty.vehicles().get(0).initial().frontPadMm() - faulty.vehicles().get(0).last().frontPadMm();
        assertThat(healthyWear).isPositive();
        assertThat(faultyWear).isGreaterThan(7 * healthyWear);
    }

    @Test
    void aDegradedTractionPackIsCheckedByTheWorkshopOnceNotEveryDay() {
        int electric = firstOf(4, Powertrain.ELECTRIC);
        GroundTruthManifest manifest = FleetScenario.builder().seed(4).vehicles(electric + 1).start(START)
                .duration(Duration.ofDays(40)).settings(ScenarioSettings.realistic().withMess(MessSettings.none()))
                .fault(new FaultSpec(FaultKind.DEGRADED_TRACTION_BATTERY, electric, Duration.ZERO))
                .build().run().manifest();
        List<GroundTruthManifest.ServiceEntry> checks = manifest.services().stream()
                .filter(s -> s.vehicleIndex() == electric && s.items().contains("TRACTION_BATTERY_CHECK")).toList();
        // Its trouble code stays set until the pack is replaced; the owner knows it after one visit.
        assertThat(checks).as(manifest.services().toString()).hasSize(1);
    }

    @Test
    void aFaultThatCannotHappenToTheCarIsRefusedWithAHint() {
        int electric = firstOf(4, Powertrain.ELECTRIC);
        assertThatThrownBy(() -> FleetScenario.builder().seed(4).vehicles(10)
                .fault(new FaultSpec(FaultKind.COOLANT_OVERHEAT, electric, Duration.ZERO)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ELECTRIC").hasMessageContaining("vehicle");
        assertThatThrownBy(() -> FaultSpec.parse("COOLANT:1")).hasMessageContaining("unknown fault kind");
        assertThat(FaultSpec.parse("DTC:2:90m:P0420")).isEqualTo(new FaultSpec(FaultKind.DTC, 2, Duration.ofMinutes(90), "P0420"));
    }

    private static int firstOf(long seed, Powertrain powertrain) {
        FleetScenario scenario = FleetScenario.builder().seed(seed).vehicles(10).build();
        for (int i = 0; i < 10; i++) {
            if (scenario.profile(i).powertrain() == powertrain) {
                return i;
            }
        }
        throw new AssertionError("no " + powertrain + " car in the first ten of seed " + seed);
    }
}
