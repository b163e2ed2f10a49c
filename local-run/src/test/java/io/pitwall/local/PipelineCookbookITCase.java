package io.pitwall.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.notices.VehicleNoticeRecord;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.local.owners.OwnerBehaviour;
import io.pitwall.offers.owners.OwnerProfilePublisher;
import io.pitwall.offers.owners.OwnersCsvReader;
import io.pitwall.offers.render.AbAssignment;
import io.pitwall.simulators.scenario.FaultKind;
import io.pitwall.simulators.scenario.FaultSpec;
import io.pitwall.simulators.scenario.FleetScenario;
import io.pitwall.simulators.scenario.GroundTruthManifest;
import io.pitwall.simulators.scenario.OwnerRecord;
import io.pitwall.simulators.scenario.OwnersExport;
import io.pitwall.simulators.scenario.Powertrain;
import io.pitwall.simulators.scenario.ScenarioSettings;
import io.pitwall.sink.clickhouse.cookbook.Cookbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' cookbook (CONTRACTS section 3, {@code docs/cookbook.md}) on data the real pipeline
 * made. A simulated fleet with injected faults is generated in memory and written to
 * {@code telemetry.raw} exactly as the gateway writes it; from there everything is the running
 * stack: Kafka, the health and offer jobs on a MiniCluster, the owners' channel booking every offer
 * it receives, and ClickHouse. Each query's answer is then checked against what is known
 * independently of ClickHouse: the simulator's ground truth (which cars have which fault, how worn
 * their pads really are, which samples each car sent), and for the alert and offer questions also
 * what the pipeline published on Kafka and what the owners' channel and head units actually
 * received.
 */
class PipelineCookbookITCase {

    private static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final long DAY = 86_400_000L;

    /*
     * The fleet: seed 130, eight cars (profiles and owners follow from the seed). 0, 3 and 4 are
     * electric (Beijing, Hangzhou, Chengdu); 1, 2, 5, 6, 7 combustion; 2, 5, 6 and 7 have pad-wear
     * sensors. Every car has an owner of its own; 4's is HIGH tier, 2, 3 and 7's POTENTIAL, the rest
     * MID. Owners 5 and 6 fall in variants A and B of the brake-wording experiment; every owner of a
     * faulty car consents to an HTTP channel. checkTheFleetIsAsDesigned() verifies what the answers
     * rely on against the ground truth, so a change in the simulator fails loudly there rather than
     * as a wrong answer further down.
     */
    private static final long SEED = 130;
    private static final int VEHICLES = 8;
    /** Five weeks from a Monday 00:00 UTC: the run's last week is a whole calendar week. */
    private static final Duration RUN = Duration.ofDays(35);
    private static final int TRACTION_EV = 4;
    private static final int OVERHEATING = 1;
    private static final int PADS_A = 5;
    private static final int PADS_B = 6;
    private static final int FAILING_12V = 7;
    private static final List<FaultSpec> FAULTS = List.of(
            new FaultSpec(FaultKind.DEGRADED_TRACTION_BATTERY, TRACTION_EV, Duration.ofDays(3)),
            new FaultSpec(FaultKind.COOLANT_OVERHEAT, OVERHEATING, Duration.ofDays(15)),
            // From the start: eight times the wear takes these pads from ~35 % to 77-83 % in the run,
            // so that car 5's estimate crosses 85 % (a safety notice to the head unit) near the end.
            new FaultSpec(FaultKind.FAST_PAD_WEAR, PADS_A, Duration.ZERO),
            new FaultSpec(FaultKind.FAST_PAD_WEAR, PADS_B, Duration.ZERO),
            // Loses 3 % of capacity a day: weak in the last days, but still starting the car.
            new FaultSpec(FaultKind.FAILING_12V_BATTERY, FAILING_12V, Duration.ofDays(23)));
    private static final String EXPERIMENT = "brake-wording-2026q4";

    @TempDir
    static Path dir;

    private static LocalStack stack;
    private static long began;
    private static Instant start;
    private static Instant end;
    private static GroundTruthManifest truth;
    private static Map<String, OwnerRecord> ownerOfVin;
    private static long distinctSamples;
    private static String q5Vin;
    private static Instant q5From;
    private static Instant q5To;
    /** The samples the overheating car sent in the Q5 range, each once, in the query's order. */
    private static List<Sample> q5Samples;
    /** vehicle.alerts, one record per alert id and state. */
    private static List<Alert> alerts;
    /** service.offers, one record per offer id and decision. */
    private static List<ServiceOffer> decisions;
    /** The cars vehicle.health gave a traction-battery state of health. */
    private static Set<String> withSoh;
    /** Ids of the notices on vehicle.notices (= offer ids of head-unit offers). */
    private static Set<String> notices;
    /** What the owners' channel received, by offer id. */
    private static Map<String, ServiceOffer> received;

    @BeforeAll
    static void runTheFleetThroughThePipeline() throws Exception {
        began = System.nanoTime();
        // Seven weeks back: the run lies 49-55 days in the past, nothing in it is in the future. The
        // weather follows the season, so -Dpitwall.cookbook.start=2026-07-06 (a Monday) reproduces a run of another time.
        String monday = System.getProperty("pitwall.cookbook.start");
        start = (monday != null ? LocalDate.parse(monday)
                : LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(7))
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(LocalDate.ofInstant(start, ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        end = start.plus(RUN);
        FleetScenario.Builder builder = FleetScenario.builder().seed(SEED).vehicles(VEHICLES).start(start).duration(RUN)
                .settings(ScenarioSettings.realistic());
        FAULTS.forEach(builder::fault);
        FleetScenario scenario = builder.build();
        FleetScenario.Run run = scenario.run();
        truth = run.manifest();
        ownerOfVin = new HashMap<>();
        scenario.owners().forEach(o -> o.vins().forEach(vin -> ownerOfVin.put(vin, o)));
        log("simulated " + VEHICLES + " cars for " + RUN.toDays() + " days from " + start + ": " + run.messages().size()
                + " messages");
        checkTheFleetIsAsDesigned();

        stack = LocalStack.start(dir.resolve("stack"), PipelineCookbookITCase::log, OwnerBehaviour.booksEverything(),
                offer -> { }, "--offers.quiet-start", "00:00", "--offers.quiet-end", "00:00");
        Path owners = dir.resolve("owners.csv");
        Files.writeString(owners, OwnersExport.csv(scenario.owners()));
        // The owners first, as a CRM import precedes the cars' data: facts then find their owners.
        assertThat(importOwners(owners, start)).isEqualTo(scenario.owners().size());
        await("the owners in ClickHouse", Duration.ofMinutes(2),
                () -> stack.queryNumber("SELECT count() FROM pitwall.owners FINAL") == scenario.owners().size());

        GroundTruthManifest.FaultEntry overheat = fault(FaultKind.COOLANT_OVERHEAT);
        q5Vin = overheat.vin();
        q5From = Instant.ofEpochMilli(overheat.firstSymptomAt()).truncatedTo(ChronoUnit.DAYS);
        q5To = q5From.plus(Duration.ofDays(1));
        Map<String, Set<Long>> seqs = new HashMap<>();
        Map<Long, Sample> q5 = new HashMap<>();
        long records = KafkaTopics.produceAsGateway(stack.kafka().bootstrapServers(), run.messages(), raw -> {
            if (raw.samples() == null) {
                return;
            }
            Set<Long> seen = seqs.computeIfAbsent(raw.vin(), v -> new HashSet<>());
            for (Sample s : raw.samples()) {
                long second = Math.floorDiv(s.ts(), 1000);
                if (seen.add(s.seq()) && raw.vin().equals(q5Vin)
                        && second >= q5From.getEpochSecond() && second < q5To.getEpochSecond()) {
                    q5.put(s.seq(), s);
                }
            }
        });
        run = null;
        distinctSamples = seqs.values().stream().mapToLong(Set::size).sum();
        q5Samples = q5.values().stream().sorted(Comparator.comparingLong(Sample::ts).thenComparingLong(Sample::seq)).toList();
        log("wrote " + records + " records (" + distinctSamples + " distinct samples) to telemetry.raw");

        await("every distinct sample in ClickHouse", Duration.ofMinutes(5),
                () -> stack.queryNumber("SELECT count() FROM pitwall.telemetry FINAL") == distinctSamples);
        log("telemetry stored");
        awaitQuiet();
        log("pipeline quiet");

        String kafka = stack.kafka().bootstrapServers();
        alerts = distinct(KafkaTopics.readAll(kafka, "vehicle.alerts").stream().map(v -> Json.read(v, Alert.class)),
                a -> a.alertId() + "/" + a.state());
        decisions = distinct(KafkaTopics.readAll(kafka, "service.offers").stream().map(v -> Json.read(v, ServiceOffer.class)),
                o -> o.offerId() + "/" + o.decision());
        withSoh = KafkaTopics.readAll(kafka, "vehicle.health").stream().map(v -> Json.read(v, HealthPrediction.class))
                .filter(h -> h.tractionBattery() != null).map(HealthPrediction::vin).collect(Collectors.toSet());
        notices = KafkaTopics.readAll(kafka, "vehicle.notices").stream()
                .map(v -> Json.read(v, VehicleNoticeRecord.class).notice().noticeId()).collect(Collectors.toSet());
        received = new LinkedHashMap<>();
        stack.ownerChannel().received().forEach(o -> received.put(o.offerId(), o));
        log(alerts.size() + " alert records, " + decisions.size() + " offer decisions (" + sent().size() + " sent), "
                + notices.size() + " head-unit notices, " + received.size() + " offers received by owners");
        Map<String, Long> tally = new TreeMap<>(decisions.stream().collect(Collectors.groupingBy(o -> o.vin() + " " + o.ownerId()
                + " " + o.recommendation() + " " + o.decision() + (o.decisionReason() == null ? "" : " " + o.decisionReason())
                + (o.decision() == Decision.SENT ? " " + o.channel() : ""), Collectors.counting())));
        tally.forEach((what, n) -> log("  decisions " + what + ": " + n));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
        log("done");
    }

    // ------------------------------------------------------------------------------ the queries

    @Test
    void q1ListsExactlyTheCarsWhosePadsTheSimulatorWoreDownUnderTheirWorkshop() throws Exception {
        // Expected from the ground truth: the cars whose pads really reach 85 % within 30 days or 1,000 km.
        Map<String, Set<String>> dueByWorkshop = new TreeMap<>();
        Map<String, String> workshopNames = new HashMap<>();
        for (GroundTruthManifest.VehicleEntry v : truth.vehicles()) {
            if (FleetTruth.pads(v).dueWithin(30, 1000)) {
                OwnerRecord owner = ownerOfVin.get(v.vin());
                dueByWorkshop.computeIfAbsent(owner.preferredWorkshopId(), w -> new TreeSet<>()).add(v.vin());
                workshopNames.put(owner.preferredWorkshopId(), owner.preferredWorkshopName());
            }
        }
        assertThat(dueByWorkshop.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
                .as("the cars due are the ones the simulator wore down")
                .containsExactlyInAnyOrder(vin(PADS_A), vin(PADS_B));

        List<String[]> rows = run("q1_brake_pads_due", Map.of("days", 30, "km", 1000),
                "workshop_id, workshop, vehicles_due, vins, owner_ids, soonest_days, soonest_km");
        Map<String, Set<String>> answered = new TreeMap<>();
        for (String[] row : rows) {
            List<String> vins = array(row[3]);
            answered.put(row[0], new TreeSet<>(vins));
            assertThat(row[1]).as("workshop name of " + row[0]).isEqualTo(workshopNames.get(row[0]));
            assertThat(Integer.parseInt(row[2])).as("vehicles due at " + row[0]).isEqualTo(vins.size());
            assertThat(array(row[4])).as("owners, in the order of the vins")
                    .containsExactlyElementsOf(vins.stream().map(v -> ownerOfVin.get(v).ownerId()).toList());
            assertThat(number(row[5]) <= 30 || number(row[6]) <= 1000).as("the soonest projection is due: " + String.join(" ", row))
                    .isTrue();
        }
        assertThat(answered).isEqualTo(dueByWorkshop);
        assertThat(rows.stream().map(r -> number(r[5])).toList()).as("most urgent workshop first").isSorted();
    }

    @Test
    void q2aFindsTheCarWhoseBatteryTheSimulatorMadeFailThisWeek() throws Exception {
        // Expected from the ground truth: combustion cars whose 12 V battery is down to under 70 % of its capacity.
        List<String> failing = truth.vehicles().stream()
                .filter(v -> v.powertrain() == Powertrain.COMBUSTION && v.last().lowVoltageHealth() < 0.7)
                .map(GroundTruthManifest.VehicleEntry::vin).toList();
        assertThat(failing).containsExactly(vin(FAILING_12V));

        // "This week" is the run's last week, from Monday 00:00 UTC.
        List<String[]> rows = run("q2a_12v_no_start_risk", Map.of("week_start", CLICKHOUSE_TIME.format(end.minus(Duration.ofDays(7))),
                "min_risk", 0.5), "vin, owner_id, workshop, battery_state, no_start_risk, estimated_at");
        assertThat(rows).hasSize(1);
        String[] row = rows.get(0);
        OwnerRecord owner = ownerOfVin.get(vin(FAILING_12V));
        assertThat(Arrays.asList(row).subList(0, 4))
                .containsExactly(vin(FAILING_12V), owner.ownerId(), owner.preferredWorkshopName(), "REPLACE");
        assertThat(number(row[4])).as("no-start risk").isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void q2bSpreadsTheTrueTractionBatteryHealthByModelYear() throws Exception {
        // The EVs the health job could estimate: a pack colder than 5 C is not judged (docs/health.md),
        // so in a cold winter a car in the north may have no estimate at all.
        List<GroundTruthManifest.VehicleEntry> evs = truth.vehicles().stream()
                .filter(v -> v.powertrain() == Powertrain.ELECTRIC && withSoh.contains(v.vin())).toList();
        assertThat(withSoh).as("only EVs have a traction SoH")
                .isSubsetOf(truth.vehicles().stream().filter(v -> v.powertrain() == Powertrain.ELECTRIC)
                        .map(GroundTruthManifest.VehicleEntry::vin).toList());
        log("EVs with a traction SoH: " + evs.stream().map(v -> v.index() + " " + v.vin()).toList());
        Map<Integer, List<GroundTruthManifest.VehicleEntry>> byYear = new TreeMap<>(evs.stream()
                .collect(Collectors.groupingBy(v -> FleetTruth.modelYear(v.vin()))));

        List<String[]> rows = run("q2b_traction_soh_by_model_year", Map.of(),
                "model_year, vehicles, avg_soh_pct, min_soh_pct, soh_below_70, soh_70_80, soh_80_90, soh_90_95, soh_95_plus");
        assertThat(rows.stream().map(r -> Integer.parseInt(r[0])).toList()).as("model years, from the VINs' 10th character")
                .containsExactlyElementsOf(byYear.keySet());
        for (String[] row : rows) {
            List<GroundTruthManifest.VehicleEntry> year = byYear.get(Integer.parseInt(row[0]));
            assertThat(Integer.parseInt(row[1])).as("EVs of model year " + row[0]).isEqualTo(year.size());
            // Each EV's estimate may be off by 3 points (docs/health.md) and, being a median of
            // recent estimates, lag a fading battery by up to three weeks.
            List<double[]> ranges = year.stream().map(v -> {
                double[] r = FleetTruth.tractionSohRange(v, 21);
                return new double[] {r[0] - 3, r[1] + 3};
            }).toList();
            double avg = number(row[2]);
            double min = number(row[3]);
            assertThat(min).as("lowest SoH of " + row[0]).isBetween(
                    ranges.stream().mapToDouble(r -> r[0]).min().orElseThrow() - 0.05,
                    ranges.stream().mapToDouble(r -> r[1]).min().orElseThrow() + 0.05);
            assertThat(avg).as("average SoH of " + row[0]).isBetween(
                    ranges.stream().mapToDouble(r -> r[0]).average().orElseThrow() - 0.05,
                    ranges.stream().mapToDouble(r -> r[1]).average().orElseThrow() + 0.05);
            for (int band = 0; band < FleetTruth.BAND_FLOORS.size(); band++) {
                int b = band;
                long certain = ranges.stream().filter(r -> FleetTruth.band(r[0]) == b && FleetTruth.band(r[1]) == b).count();
                long possible = ranges.stream().filter(r -> FleetTruth.band(r[0]) <= b && FleetTruth.band(r[1]) >= b).count();
                assertThat(Long.parseLong(row[4 + band])).as("EVs of " + row[0] + " in SoH band " + band).isBetween(certain, possible);
            }
        }
        GroundTruthManifest.VehicleEntry degraded = truth.vehicles().get(TRACTION_EV);
        assertThat(withSoh).as("the degraded pack (in mild Chengdu) was estimated").contains(degraded.vin());
        String[] row = rows.stream().filter(r -> Integer.parseInt(r[0]) == FleetTruth.modelYear(degraded.vin())).findFirst().orElseThrow();
        assertThat(number(row[3])).as("the degraded pack shows as the lowest of its model year, well below where it began")
                .isLessThanOrEqualTo(degraded.initial().tractionHealth() * 100 - 4);
    }

    @Test
    void q3aCountsTheAlertsThePipelinePublishedPerDayKindAndSeverity() throws Exception {
        // Expected: what the health job published on vehicle.alerts, one per episode, day and severity.
        Map<String, Set<String>[]> expected = new TreeMap<>();
        for (Alert a : alerts) {
            if (a.state() == AlertState.RESOLVED) {
                continue;
            }
            String key = LocalDate.ofInstant(Instant.ofEpochMilli(a.eventTime()), ZoneOffset.UTC) + "\t" + a.kind() + "\t" + a.severity();
            @SuppressWarnings("unchecked")
            Set<String>[] sets = expected.computeIfAbsent(key, k -> new Set[] {new HashSet<>(), new HashSet<>()});
            sets[0].add(a.alertId());
            sets[1].add(a.vin());
        }
        List<String> rows = lines("q3a_alerts_per_day", Map.of("from", LocalDate.ofInstant(start, ZoneOffset.UTC).toString(),
                "to", LocalDate.ofInstant(end, ZoneOffset.UTC).plusDays(1).toString()), "day, kind, severity, alerts, vehicles");
        assertThat(rows).containsExactlyElementsOf(expected.entrySet().stream()
                .map(e -> e.getKey() + "\t" + e.getValue()[0].size() + "\t" + e.getValue()[1].size()).toList());

        // And against the ground truth: each injected fault's alert on its car, on no other car,
        // and the overheating only on the days the simulator's radiator was failing.
        for (GroundTruthManifest.FaultEntry f : truth.faults()) {
            AlertKind kind = AlertKind.valueOf(f.expectedAlert());
            Set<String> vins = alerts.stream().filter(a -> a.kind() == kind && a.state() == AlertState.OPEN)
                    .map(Alert::vin).collect(Collectors.toSet());
            Set<String> faulty = truth.faults().stream().filter(g -> g.fault() == f.fault()).map(GroundTruthManifest.FaultEntry::vin)
                    .collect(Collectors.toSet());
            if (f.fault() == FaultKind.DEGRADED_TRACTION_BATTERY) {
                // The traction alert waits for the median of several charges to move (docs/health.md).
                assertThat(faulty).as("cars with " + kind + " alerts are the degraded one").containsAll(vins);
            } else {
                assertThat(vins).as("cars with " + kind + " alerts").isEqualTo(faulty);
            }
        }
        GroundTruthManifest.FaultEntry overheat = fault(FaultKind.COOLANT_OVERHEAT);
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(overheat.firstSymptomAt()), ZoneOffset.UTC);
        LocalDate repaired = overheat.resolvedAt() == null ? LocalDate.ofInstant(end, ZoneOffset.UTC)
                : LocalDate.ofInstant(Instant.ofEpochMilli(overheat.resolvedAt()), ZoneOffset.UTC);
        List<String[]> coolant = rows.stream().map(r -> r.split("\t")).filter(r -> r[1].equals("COOLANT_OVERHEAT")).toList();
        assertThat(coolant).as("overheating days").isNotEmpty().allSatisfy(r -> {
            assertThat(LocalDate.parse(r[0])).isBetween(first, repaired);
            assertThat(r[4]).as("vehicles").isEqualTo("1");
        });
    }

    @Test
    void q3bMeasuresTheTimeFromEachAlertToTheFirstOfferSent() throws Exception {
        // Expected: alert episodes as published on vehicle.alerts, offers as decided on service.offers.
        Map<String, Long> opened = new HashMap<>();
        Map<String, AlertKind> kindOf = new HashMap<>();
        for (Alert a : alerts) {
            opened.merge(a.alertId(), a.eventTime(), Math::min);
            kindOf.put(a.alertId(), a.kind());
        }
        Map<String, Long> firstOffer = new HashMap<>();
        for (ServiceOffer o : sent()) {
            if (ServiceOffer.TRIGGER_ALERT.equals(o.triggerType())) {
                firstOffer.merge(o.triggerId(), o.decidedAt(), Math::min);
            }
        }
        Instant to = end.plus(Duration.ofDays(1));
        Map<AlertKind, List<Double>> minutes = new TreeMap<>(Comparator.comparing(AlertKind::name));
        Map<AlertKind, Integer> count = new TreeMap<>(Comparator.comparing(AlertKind::name));
        opened.forEach((id, at) -> {
            if (at >= start.toEpochMilli() && at < to.toEpochMilli()) {
                count.merge(kindOf.get(id), 1, Integer::sum);
                List<Double> m = minutes.computeIfAbsent(kindOf.get(id), k -> new ArrayList<>());
                if (firstOffer.containsKey(id)) {
                    m.add((firstOffer.get(id) - at) / 60_000.0);
                }
            }
        });

        List<String[]> rows = run("q3b_alert_to_offer_time", Map.of("from", CLICKHOUSE_TIME.format(start), "to", CLICKHOUSE_TIME.format(to)),
                "kind, alerts, alerts_with_offer, avg_minutes, median_minutes, p90_minutes, max_minutes");
        assertThat(rows.stream().map(r -> r[0]).toList()).containsExactlyElementsOf(count.keySet().stream().map(AlertKind::name).toList());
        for (String[] row : rows) {
            AlertKind kind = AlertKind.valueOf(row[0]);
            List<Double> m = minutes.get(kind).stream().sorted().toList();
            assertThat(Integer.parseInt(row[1])).as(kind + " alerts").isEqualTo(count.get(kind));
            assertThat(Integer.parseInt(row[2])).as(kind + " alerts with an offer").isEqualTo(m.size());
            assertClose(row[3], m.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), kind + " average");
            assertClose(row[4], quantile(m, 0.5), kind + " median");
            assertClose(row[5], quantile(m, 0.9), kind + " p90");
            assertClose(row[6], m.isEmpty() ? Double.NaN : m.get(m.size() - 1), kind + " maximum");
        }

        // Ground truth: the overheating car's owner heard of its first overheat at once (quiet hours
        // are off), through the channel the owner consented to.
        Alert firstOverheat = alerts.stream().filter(a -> a.kind() == AlertKind.COOLANT_OVERHEAT && a.state() == AlertState.OPEN)
                .min(Comparator.comparingLong(Alert::eventTime)).orElseThrow();
        assertThat(received.values()).as("the owner's channel received the cooling check for the first overheat")
                .anySatisfy(o -> {
                    assertThat(o.triggerId()).isEqualTo(firstOverheat.alertId());
                    assertThat(o.recommendation()).isEqualTo("COOLING_CHECK");
                    assertThat(o.ownerId()).isEqualTo(ownerOfVin.get(vin(OVERHEATING)).ownerId());
                });
        String[] coolant = rows.stream().filter(r -> r[0].equals("COOLANT_OVERHEAT")).findFirst().orElseThrow();
        assertThat(Integer.parseInt(coolant[2])).isPositive();
    }

    @Test
    void q4aShowsTheFunnelPerTierAsTheOwnersLivedIt() throws Exception {
        // Expected: every SENT decision, delivered if its channel has it (the owners' webhook or a
        // head-unit notice), opened and booked if the owners' channel got it (they book everything).
        Map<String, long[]> expected = new TreeMap<>();
        for (ServiceOffer o : sentInRun()) {
            long[] f = expected.computeIfAbsent(o.tier().name(), t -> new long[5]);
            f[0]++;
            if (received.containsKey(o.offerId()) || notices.contains(o.offerId())) {
                f[1]++;
            }
            if (received.containsKey(o.offerId())) {
                f[2]++;
                f[3]++;
            }
        }
        List<String> rows = lines("q4a_offer_funnel_by_tier", Map.of("from", CLICKHOUSE_TIME.format(start),
                "to", CLICKHOUSE_TIME.format(end.plus(Duration.ofDays(1)))), "tier, sent, delivered, opened, booked, serviced");
        assertThat(rows).containsExactlyElementsOf(expected.entrySet().stream().map(e -> e.getKey() + "\t"
                + Arrays.stream(e.getValue()).mapToObj(Long::toString).collect(Collectors.joining("\t"))).toList());

        // Each channel got what was sent to it, and only that; nothing was decided outside the run.
        for (ServiceOffer o : sent()) {
            if (o.channel() == Channel.HEAD_UNIT) {
                assertThat(notices).as("head-unit notice for " + o.offerId()).contains(o.offerId());
            } else {
                assertThat(received).as("webhook delivery of " + o.offerId()).containsKey(o.offerId());
            }
        }
        assertThat(received.keySet()).as("the owners got only offers that were sent")
                .isSubsetOf(sent().stream().map(ServiceOffer::offerId).toList());
        assertThat(decisions).as("decided in the fleet's time, not the wall clock's")
                .allSatisfy(o -> assertThat(o.decidedAt()).isBetween(start.toEpochMilli(), end.plus(Duration.ofDays(1)).toEpochMilli()));
        assertThat(stack.ownerChannel().callbackFailures()).isZero();
        assertThat(stack.ownerChannel().badSignatures()).isZero();

        // Ground truth: each fault reached its owner as the offer it calls for.
        Map<Integer, String> expectedOffer = Map.of(OVERHEATING, "COOLING_CHECK", PADS_A, "BRAKE_SERVICE",
                PADS_B, "BRAKE_SERVICE", FAILING_12V, "BATTERY_TEST");
        expectedOffer.forEach((car, recommendation) -> assertThat(received.values())
                .as("car " + car + "'s owner was offered " + recommendation)
                .anySatisfy(o -> {
                    assertThat(o.vin()).isEqualTo(vin(car));
                    assertThat(o.recommendation()).isEqualTo(recommendation);
                }));
        Set<String> serviced = truth.services().stream().map(GroundTruthManifest.ServiceEntry::vin).collect(Collectors.toSet());
        Set<String> faulty = truth.faults().stream().map(GroundTruthManifest.FaultEntry::vin).collect(Collectors.toSet());
        assertThat(sent()).as("only owners of faulty or serviced cars were contacted")
                .allSatisfy(o -> assertThat(faulty.contains(o.vin()) || serviced.contains(o.vin())).as(o.toString()).isTrue());
    }

    @Test
    void q4bComparesTheBrakeWordingVariantsTheOwnersReceived() throws Exception {
        Map<String, long[]> expected = new TreeMap<>();
        for (ServiceOffer o : sentInRun()) {
            if (EXPERIMENT.equals(o.experiment())) {
                long[] f = expected.computeIfAbsent(o.variant(), v -> new long[3]);
                f[0]++;
                if (received.containsKey(o.offerId()) || notices.contains(o.offerId())) {
                    f[1]++;
                }
                if (received.containsKey(o.offerId())) {
                    f[2]++;
                }
            }
        }
        // Ground truth: the variants are those of the two owners whose pads wore down.
        assertThat(sentInRun().stream().filter(o -> EXPERIMENT.equals(o.experiment()))).allSatisfy(o ->
                assertThat(o.vin()).isEqualTo(o.variant().equals("A") ? vin(PADS_A) : vin(PADS_B)));
        assertThat(expected.keySet()).containsExactly("A", "B");

        List<String[]> rows = run("q4b_offer_ab_test", Map.of("from", CLICKHOUSE_TIME.format(start),
                        "to", CLICKHOUSE_TIME.format(end.plus(Duration.ofDays(1))), "alpha", 0.05),
                "experiment, variant, sent, delivered, opened, booked, serviced, control_variant, z, p_value, significant");
        assertThat(rows).hasSize(2);
        long[] control = expected.get("A");
        for (String[] row : rows) {
            long[] f = expected.get(row[1]);
            assertThat(Arrays.asList(row).subList(0, 8)).as("variant " + row[1]).containsExactly(EXPERIMENT, row[1],
                    Long.toString(f[0]), Long.toString(f[1]), Long.toString(f[2]), Long.toString(f[2]), "0", "A");
            double z = z(f[0], f[2], control[0], control[2]);
            assertClose(row[8], z, "z of " + row[1]);
            double p = Double.isNaN(z) ? Double.NaN : erfc(Math.abs(z) / Math.sqrt(2));
            assertThat(row[10]).as("significant").isEqualTo(!row[1].equals("A") && p < 0.05 ? "1" : "0");
        }
    }

    @Test
    void q5ReturnsExactlyTheSamplesTheCarSentInTheRange() throws Exception {
        List<String[]> rows = run("q5_vin_signal_history", Map.of("vin", q5Vin, "from", CLICKHOUSE_TIME.format(q5From),
                "to", CLICKHOUSE_TIME.format(q5To)), "seq, ts_ms, speed_kmh, coolant_temp_c, engine_rpm, lv_battery_voltage_v");
        assertThat(rows).as("one row per distinct sample of " + q5Vin + " in [" + q5From + ", " + q5To + ")")
                .hasSize(q5Samples.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            Sample s = q5Samples.get(i);
            assertThat(Long.parseLong(row[0])).as("seq of row " + i).isEqualTo(s.seq());
            assertThat(Long.parseLong(row[1])).as("ts_ms of row " + i).isEqualTo(s.ts());
            assertSignal(row[2], s, "Vehicle.Speed");
            assertSignal(row[3], s, "Vehicle.Powertrain.CombustionEngine.ECT");
            assertSignal(row[4], s, "Vehicle.Powertrain.CombustionEngine.Speed");
            assertSignal(row[5], s, "Vehicle.LowVoltageBattery.CurrentVoltage");
        }
        // Ground truth: the day holds the car's first overheat (ECT above 110 C).
        assertThat(rows.stream().filter(r -> !r[3].equals("\\N")).mapToDouble(r -> number(r[3])).max().orElse(0))
                .isGreaterThan(110);
    }

    // ------------------------------------------------------------------------------ the scenario

    /** The fleet is the one the expectations were designed for; fails naming what the simulator now does differently. */
    private static void checkTheFleetIsAsDesigned() {
        for (GroundTruthManifest.VehicleEntry v : truth.vehicles()) {
            FleetTruth.PadOutlook pads = FleetTruth.pads(v);
            String car = "scenario: car " + v.index() + " " + pads;
            if (v.index() == PADS_A || v.index() == PADS_B) {
                assertThat(v.padWearSensor()).as(car + " has a pad-wear sensor").isTrue();
                assertThat(pads.kmLeft()).as(car + " km to 85 % worn").isLessThan(700);
                assertThat(pads.daysLeft()).as(car + " days to 85 % worn").isLessThan(20);
            } else {
                assertThat(pads.kmLeft()).as(car + " km to 85 % worn").isGreaterThan(3000);
                assertThat(pads.daysLeft()).as(car + " days to 85 % worn").isGreaterThan(75);
            }
            if (v.powertrain() == Powertrain.COMBUSTION && v.index() != FAILING_12V) {
                assertThat(v.last().lowVoltageHealth()).as(car + " 12 V health").isGreaterThanOrEqualTo(0.78);
            }
        }
        assertThat(truth.services()).as("scenario: no workshop changed pads or the 12 V battery")
                .noneMatch(s -> s.items().stream().anyMatch(i -> i.startsWith("BRAKE_PADS") || i.equals("BATTERY_12V")));
        assertThat(truth.vehicles().get(FAILING_12V).last().lowVoltageHealth()).as("scenario: the failing 12 V battery at the end")
                .isBetween(0.57, 0.66);
        assertThat(fault(FaultKind.COOLANT_OVERHEAT).firstSymptomAt()).as("scenario: the car overheated").isNotNull();
        assertThat(fault(FaultKind.DEGRADED_TRACTION_BATTERY).firstSymptomAt()).as("scenario: the pack lost 5 points").isNotNull();
        assertThat(AbAssignment.variant(EXPERIMENT, List.of("A", "B"), ownerOfVin.get(vin(PADS_A)).ownerId())).isEqualTo("A");
        assertThat(AbAssignment.variant(EXPERIMENT, List.of("A", "B"), ownerOfVin.get(vin(PADS_B)).ownerId())).isEqualTo("B");
        for (int car : List.of(OVERHEATING, PADS_A, PADS_B, FAILING_12V)) {
            OwnerRecord owner = ownerOfVin.get(vin(car));
            assertThat(owner.vins()).as("scenario: car " + car + "'s owner has one car").hasSize(1);
            assertThat(List.of(Channel.WECOM, Channel.APP, Channel.WEBHOOK)).as("scenario: car " + car + "'s owner consents to an HTTP channel")
                    .anyMatch(c -> Boolean.TRUE.equals(owner.consent().get(c)));
        }
    }

    private static GroundTruthManifest.FaultEntry fault(FaultKind kind) {
        return truth.faults().stream().filter(f -> f.fault() == kind).findFirst().orElseThrow();
    }

    private static String vin(int car) {
        return truth.vehicles().get(car).vin();
    }

    // ------------------------------------------------------------------------------ the pipeline

    /**
     * Waits until the jobs have nothing left to do: the health job has judged every car up to the
     * end of its data, every offer the owners received is booked in ClickHouse, and no table has
     * changed for 15 s.
     */
    private static void awaitQuiet() throws Exception {
        String caughtUp = "SELECT count() FROM (SELECT vin, max(as_of_ms) AS newest FROM pitwall.health_predictions GROUP BY vin)"
                + " WHERE newest >= " + end.minus(Duration.ofHours(1)).toEpochMilli();
        String counts = "SELECT (SELECT count() FROM pitwall.alerts), (SELECT count() FROM pitwall.health_predictions),"
                + " (SELECT count() FROM pitwall.offers), (SELECT count() FROM pitwall.offer_events) FORMAT TabSeparated";
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        String last = null;
        int stable = 0;
        while (stable < 6) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pipeline did not settle within 4 minutes: " + last + ", health caught up for "
                        + stack.queryNumber(caughtUp) + " of " + VEHICLES + " cars, " + stack.ownerChannel().received().size()
                        + " offers received, " + stack.queryNumber("SELECT count() FROM pitwall.offer_events FINAL WHERE type = 'BOOKED'")
                        + " booked");
            }
            String now = stack.clickHouse().query(counts).strip() + "\t" + stack.ownerChannel().received().size();
            boolean done = stack.queryNumber(caughtUp) == VEHICLES
                    && stack.queryNumber("SELECT count() FROM pitwall.offer_events FINAL WHERE type = 'BOOKED'")
                    == stack.ownerChannel().received().size();
            stable = done && now.equals(last) ? stable + 1 : 0;
            if (!now.equals(last)) {
                log("alerts, health, offers, offer events, received: " + now.replace('\t', ' ') + (done ? "" : " (not done)"));
            }
            last = now;
            Thread.sleep(2_500);
        }
    }

    /**
     * Imports the owners CSV as {@link LocalStack#importOwners} does (the same reader and publisher),
     * but stamped with the fleet's clock rather than the wall clock's: the simulator's export is the
     * CRM as of the run's start. Profiles carry their import time as event time in the offer job, and
     * a profile stamped weeks after the fleet's data can move the job's event-time clock to the wall
     * clock once the vehicle sources fall idle - firing follow-ups due after the run (seen in a run
     * with the wall-clock import: a 30-day follow-up decided 14 days after the data ended).
     */
    private static int importOwners(Path csv, Instant asOf) throws Exception {
        List<OwnerProfile> profiles;
        try (java.io.Reader reader = Files.newBufferedReader(csv)) {
            profiles = new OwnersCsvReader(asOf).read(reader);
        }
        try (OwnerProfilePublisher publisher = OwnerProfilePublisher.connect(stack.kafka().bootstrapServers(),
                OwnerProfilePublisher.DEFAULT_TOPIC)) {
            publisher.publishAll(profiles);
        }
        return profiles.size();
    }

    private static List<ServiceOffer> sent() {
        return decisions.stream().filter(o -> o.decision() == Decision.SENT).toList();
    }

    private static List<ServiceOffer> sentInRun() {
        return sent().stream().filter(o -> o.decidedAt() >= start.toEpochMilli()
                && o.decidedAt() < end.plus(Duration.ofDays(1)).toEpochMilli()).toList();
    }

    private static <T> List<T> distinct(java.util.stream.Stream<T> records, java.util.function.Function<T, String> key) {
        Map<String, T> byKey = new LinkedHashMap<>();
        records.forEach(r -> byKey.putIfAbsent(key.apply(r), r));
        return List.copyOf(byKey.values());
    }

    // ------------------------------------------------------------------------------ reading answers

    /** Runs a cookbook query and returns the chosen columns, one tab-separated line per row. */
    private static List<String> lines(String query, Map<String, ?> params, String columns) throws Exception {
        String sql = "SELECT " + columns + " FROM (" + Cookbook.bind(Cookbook.sql(query), params) + "\n) FORMAT TabSeparated";
        String body = stack.clickHouse().query(sql).stripTrailing();
        List<String> rows = body.isEmpty() ? List.of() : List.of(body.split("\n"));
        log(query + " (" + columns + "): " + rows.size() + " rows\n  " + String.join("\n  ", rows.subList(0, Math.min(rows.size(), 12)))
                + (rows.size() > 12 ? "\n  ..." : ""));
        return rows;
    }

    private static List<String[]> run(String query, Map<String, ?> params, String columns) throws Exception {
        return lines(query, params, columns).stream().map(line -> line.split("\t", -1)).toList();
    }

    /** A ClickHouse array of strings as printed in TabSeparated, e.g. {@code ['a','b']}. */
    private static List<String> array(String text) {
        String inner = text.substring(1, text.length() - 1);
        return inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",")).map(s -> s.substring(1, s.length() - 1)).toList();
    }

    /** A number as ClickHouse prints it, including {@code nan} and {@code inf}. */
    private static double number(String text) {
        return switch (text) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** Equal to {@code expected} as the query rounds it (one decimal), or both NaN. */
    private static void assertClose(String actual, double expected, String what) {
        double value = number(actual);
        if (Double.isNaN(expected)) {
            assertThat(value).as(what).isNaN();
        } else {
            assertThat(value).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.051));
        }
    }

    private static void assertSignal(String actual, Sample sample, String path) {
        Double value = sample.signals().get(path);
        if (value == null) {
            assertThat(actual).as(path + " of seq " + sample.seq()).isEqualTo("\\N");
        } else {
            assertThat(Float.parseFloat(actual)).as(path + " of seq " + sample.seq()).isEqualTo(value.floatValue());
        }
    }

    /** ClickHouse's {@code quantile}: linear interpolation between the sorted values. */
    private static double quantile(List<Double> sorted, double level) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double index = level * (sorted.size() - 1);
        int lo = (int) Math.floor(index);
        int hi = (int) Math.ceil(index);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (index - lo);
    }

    /** The two-proportion z statistic of docs/cookbook.md. */
    private static double z(long sent, long booked, long sentControl, long bookedControl) {
        double pooled = (double) (booked + bookedControl) / (sent + sentControl);
        return ((double) booked / sent - (double) bookedControl / sentControl)
                / Math.sqrt(pooled * (1 - pooled) * (1.0 / sent + 1.0 / sentControl));
    }

    /** The complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    private static void await(String what, Duration timeout, CheckedCondition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(1_000);
        }
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }

    private static void log(String step) {
        System.out.printf("[cookbook %5.1f s] %s%n", (System.nanoTime() - began) / 1e9, step);
    }
}
