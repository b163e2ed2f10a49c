package io.pitwall.simulators.scenario;

import io.pitwall.simulators.fleet.VinFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A simulated fleet run entirely in memory, without MQTT: the exact messages the devices would
 * publish, in the order they would send them, with the ground truth to score detection against.
 * Deterministic: the same builder settings give byte-identical messages. This is the public entry
 * point for other modules' tests (feed the payloads to a Flink job's finite source).
 *
 * <pre>{@code
 * FleetScenario scenario = FleetScenario.builder().seed(7).vehicles(5)
 *         .start(Instant.parse("2026-03-02T00:00:00Z")).duration(Duration.ofDays(3))
 *         .fault(new FaultSpec(FaultKind.COOLANT_OVERHEAT, 0, Duration.ofHours(20)))
 *         .build();
 * FleetScenario.Run run = scenario.run();
 * run.messages();   // List<VehicleMessage>: topic, qos, payload JSON
 * run.manifest();   // GroundTruthManifest: faults, first symptom times, services, hidden state
 * }</pre>
 */
public final class FleetScenario implements Iterable<VehicleMessage> {

    private final long seed;
    private final int vehicles;
    private final Instant start;
    private final Duration duration;
    private final Duration samplePeriod;
    private final ScenarioSettings settings;
    private final int qos;

    private FleetScenario(Builder b) {
        this.seed = b.seed;
        this.vehicles = b.vehicles;
        this.start = b.start;
        this.duration = b.duration;
        this.samplePeriod = b.samplePeriod;
        this.settings = b.settings.withFaults(b.faults.isEmpty() ? b.settings.faults() : b.faults);
        this.qos = b.qos;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long seed() {
        return seed;
    }

    public int vehicles() {
        return vehicles;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return start.plus(duration);
    }

    public ScenarioSettings settings() {
        return settings;
    }

    public String vin(int index) {
        return VinFactory.vin(seed, index);
    }

    public VehicleProfile profile(int index) {
        return VehicleProfile.of(seed, index, vin(index), settings.electricShare());
    }

    /** The CRM's view of the fleet's owners at the start of the run. */
    public List<OwnerRecord> owners() {
        return OwnersExport.owners(seed, vehicles, this::profile, start);
    }

    /** Runs the whole scenario and keeps every message: for small fleets and short runs. */
    public Run run() {
        Generator generator = new Generator();
        List<VehicleMessage> messages = new ArrayList<>();
        generator.forEachRemaining(messages::add);
        return new Run(List.copyOf(messages), generator.manifest());
    }

    /** Streams the messages in send order without keeping them; the manifest is complete once it is exhausted. */
    @Override
    public Generator iterator() {
        return new Generator();
    }

    /** The result of {@link #run()}. */
    public record Run(List<VehicleMessage> messages, GroundTruthManifest manifest) {

        public List<VehicleMessage> ofKind(VehicleMessage.Kind kind) {
            return messages.stream().filter(m -> m.kind() == kind).toList();
        }
    }

    /**
     * Steps every car an hour of simulated time at a time and hands out the messages sent in that
     * hour, ordered by send time (ties: by vehicle index, then by the car's own order).
     */
    public final class Generator implements Iterator<VehicleMessage> {

        private static final long CHUNK = 3_600_000;
        private final List<VehicleSimulation> cars = new ArrayList<>();
        private final long endMillis;
        private long reached;
        private Iterator<VehicleMessage> pending = java.util.Collections.emptyIterator();
        private boolean finished;

        private Generator() {
            long startMillis = start.toEpochMilli();
            for (int i = 0; i < vehicles; i++) {
                cars.add(new VehicleSimulation(profile(i), seed, settings, qos, startMillis, samplePeriod));
            }
            this.reached = startMillis;
            this.endMillis = startMillis + duration.toMillis();
        }

        @Override
        public boolean hasNext() {
            while (!pending.hasNext() && !finished) {
                List<VehicleMessage> chunk = new ArrayList<>();
                if (reached < endMillis) {
                    long to = Math.min(endMillis, reached + CHUNK);
                    cars.forEach(car -> chunk.addAll(car.advanceTo(to)));
                    reached = to;
                } else {
                    cars.forEach(car -> chunk.addAll(car.finish()));
                    finished = true;
                }
                // A stable sort keeps each car's own order for equal send times.
                chunk.sort(Comparator.comparingLong(VehicleMessage::emittedAt).thenComparingInt(VehicleMessage::vehicleIndex));
                pending = chunk.iterator();
            }
            return pending.hasNext();
        }

        @Override
        public VehicleMessage next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.next();
        }

        /** The ground truth as far as the run has got (complete once {@link #hasNext()} is false). */
        public GroundTruthManifest manifest() {
            return ScenarioManifests.of(seed, start.toEpochMilli(), reached, cars, owners());
        }
    }

    public static final class Builder {
        private long seed = 42;
        private int vehicles = 10;
        private Instant start = Instant.parse("2026-03-02T00:00:00Z");
        private Duration duration = Duration.ofDays(1);
        private Duration samplePeriod = Duration.ofSeconds(10);
        private ScenarioSettings settings = ScenarioSettings.realistic();
        private final List<FaultSpec> faults = new ArrayList<>();
        private int qos = 1;

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder vehicles(int vehicles) {
            this.vehicles = vehicles;
            return this;
        }

        /** Simulated time of the first sample (default 2026-03-02T00:00Z, a Monday in Shanghai). */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** Simulated time the run covers. */
        public Builder duration(Duration duration) {
            this.duration = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** Simulated time between a driving car's samples (default 10 s). */
        public Builder samplePeriod(Duration samplePeriod) {
            this.samplePeriod = Objects.requireNonNull(samplePeriod, "samplePeriod");
            return this;
        }

        /** Routines, events, mess, electric share (default {@link ScenarioSettings#realistic()}). */
        public Builder settings(ScenarioSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder fault(FaultSpec fault) {
            faults.add(fault);
            return this;
        }

        /** Telemetry QoS when the settings name no {@link QosPolicy}. */
        public Builder qos(int qos) {
            QosPolicy.of(qos);
            this.qos = qos;
            return this;
        }

        public FleetScenario build() {
            if (vehicles < 1) {
                throw new IllegalArgumentException("a fleet needs at least one vehicle, not " + vehicles);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("a scenario lasts a positive time, not " + duration);
            }
            if (samplePeriod.toMillis() < 1) {
                throw new IllegalArgumentException("the sample period must be at least 1 ms, not " + samplePeriod);
            }
            FleetScenario scenario = new FleetScenario(this);
            for (FaultSpec fault : scenario.settings.faults()) {
                ScenarioManifests.check(fault, vehicles, scenario::profile);
            }
            return scenario;
        }
    }
}
