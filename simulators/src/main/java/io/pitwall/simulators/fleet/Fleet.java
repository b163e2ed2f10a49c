package io.pitwall.simulators.fleet;

import io.pitwall.simulators.mqtt.Publication;
import io.pitwall.simulators.mqtt.VehicleConnectException;
import io.pitwall.simulators.mqtt.VehicleConnection;
import io.pitwall.simulators.mqtt.VehicleConnector;
import io.pitwall.simulators.scenario.GroundTruthManifest;
import io.pitwall.simulators.scenario.OwnerRecord;
import io.pitwall.simulators.scenario.OwnersExport;
import io.pitwall.simulators.scenario.ScenarioManifests;
import io.pitwall.simulators.scenario.VehicleMessage;
import io.pitwall.simulators.scenario.VehicleProfile;
import io.pitwall.simulators.scenario.VehicleSimulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running simulated fleet: each car connects over MQTT and, once per tick, advances its
 * simulation by {@code sampleInterval x timeAcceleration} of simulated time and publishes what
 * its device sent meanwhile. Samples carry simulated time. So that the gateway accepts them
 * (it refuses sample times more than a day ahead of its clock), an accelerated run starts in the
 * past, and the simulation waits for the wall clock rather than run more than an hour ahead.
 */
public final class Fleet implements AutoCloseable {

    private static final long MAX_AHEAD_MILLIS = Duration.ofHours(1).toMillis();
    private static final long UNBOUNDED_LOOKBACK_MILLIS = Duration.ofDays(30).toMillis();

    private final FleetOptions options;
    private final FleetStats stats = new FleetStats();
    private final List<VehicleConnection> connections = new ArrayList<>();
    private final List<VehicleSimulation> cars = new ArrayList<>();
    private final Set<String> acknowledgedSamples = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-ticker");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch finished;
    private final long simStart;
    private List<OwnerRecord> owners = List.of();
    private volatile boolean closed;

    private Fleet(FleetOptions options) {
        this.options = options;
        this.finished = new CountDownLatch(options.vehicles());
        this.simStart = simulatedStart(options, System.currentTimeMillis());
    }

    /**
     * Connects every car (failing fast with a clear message) and starts driving.
     *
     * @throws IllegalArgumentException if the TLS files of {@link FleetOptions#transport()} cannot be read
     */
    public static Fleet start(FleetOptions options) throws VehicleConnectException {
        Fleet fleet = new Fleet(options);
        try {
            fleet.connectAndDrive();
        } catch (VehicleConnectException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    public static String vin(FleetOptions options, int index) {
        return VinFactory.vin(options.seed(), index);
    }

    /**
     * Where simulated time begins: the scenario's start if it names one; now for real time;
     * otherwise far enough back that a bounded run ends about now.
     */
    static long simulatedStart(FleetOptions options, long nowMillis) {
        if (options.scenario().start() != null) {
            return options.scenario().start().toEpochMilli();
        }
        if (options.timeAcceleration() <= 1) {
            return nowMillis;
        }
        long span = options.samplesPerVehicle() > 0
                ? options.samplesPerVehicle() * options.simulatedStep().toMillis() : UNBOUNDED_LOOKBACK_MILLIS;
        return nowMillis - span;
    }

    public static VehicleProfile profile(FleetOptions options, int index) {
        return VehicleProfile.of(options.seed(), index, vin(options, index), options.scenario().electricShare());
    }

    private void connectAndDrive() throws VehicleConnectException {
        for (var fault : options.scenario().faults()) {
            ScenarioManifests.check(fault, options.vehicles(), i -> profile(options, i));
        }
        stats.simulatedTime.set(simStart);
        if (options.outputDir() != null) {
            owners = io.pitwall.simulators.scenario.FleetScenario.builder().seed(options.seed()).vehicles(options.vehicles())
                    .settings(options.scenario()).start(Instant.ofEpochMilli(simStart)).build().owners();
            OwnersExport.write(owners, options.outputDir().resolve("owners.csv"));
        }
        long intervalMillis = options.sampleInterval().toMillis();
        long stepMillis = options.simulatedStep().toMillis();
        VehicleConnector connector = VehicleConnector.of(options.brokerUri(), options.transport());
        for (int i = 0; i < options.vehicles(); i++) {
            String vin = vin(options, i);
            VehicleConnection connection = connector.connect(vin, DeviceSecrets.secretFor(options.seed(), vin));
            connections.add(connection);
            stats.connected.incrementAndGet();
            VehicleSimulation car = new VehicleSimulation(profile(options, i), options.seed(), options.scenario(),
                    options.qos(), simStart, options.simulatedStep());
            cars.add(car);
            long offset = intervalMillis * i / options.vehicles();
            ticker.scheduleAtFixedRate(new Driver(car, connection, stepMillis), offset, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** One car's ticks: advance, publish, and after the last tick flush and report when all is acknowledged. */
    private final class Driver implements Runnable {
        private final VehicleSimulation car;
        private final VehicleConnection connection;
        private final long stepMillis;
        private final AtomicInteger inFlight = new AtomicInteger();
        private long ticks;
        private boolean done;
        private boolean firstStatus = true;
        private volatile boolean allIssued;
        private final java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();

        Driver(VehicleSimulation car, VehicleConnection connection, long stepMillis) {
            this.car = car;
            this.connection = connection;
            this.stepMillis = stepMillis;
        }

        @Override
        public void run() {
            if (done || closed) {
                return;
            }
            try {
                long target = simStart + (ticks + 1) * stepMillis - stepMillis;
                if (ticks > 0 && target > System.currentTimeMillis() + MAX_AHEAD_MILLIS) {
                    return;
                }
                List<VehicleMessage> messages = new ArrayList<>(car.advanceTo(target));
                ticks++;
                stats.simulatedTime.accumulateAndGet(target, Math::max);
                boolean last = options.samplesPerVehicle() > 0 && ticks >= options.samplesPerVehicle();
                if (last) {
                    messages.addAll(car.finish());
                    done = true;
                }
                for (VehicleMessage m : messages) {
                    publish(m);
                }
                if (last) {
                    allIssued = true;
                    maybeFinished();
                }
            } catch (RuntimeException e) {
                stats.errors.incrementAndGet();
            }
        }

        private void publish(VehicleMessage m) {
            if (m.kind() == VehicleMessage.Kind.STATUS) {
                if (!firstStatus) {
                    try {
                        connection.reconnect();
                        stats.reconnects.incrementAndGet();
                    } catch (VehicleConnectException e) {
                        stats.errors.incrementAndGet();
                    }
                }
                firstStatus = false;
            }
            if (m.resend()) {
                stats.resends.incrementAndGet();
            }
            Publication wire = options.transport().publication(m);
            stats.published.incrementAndGet();
            inFlight.incrementAndGet();
            connection.publish(wire, () -> {
                stats.acknowledged.incrementAndGet();
                if (m.kind() == VehicleMessage.Kind.TELEMETRY) {
                    stats.samplesAcknowledged.addAndGet(m.sampleSeqs().length);
                    if (m.qos() == 1) {
                        for (long seq : m.sampleSeqs()) {
                            acknowledgedSamples.add(m.vin() + "/" + seq);
                        }
                    }
                } else if (m.kind() == VehicleMessage.Kind.EVENT) {
                    stats.eventsAcknowledged.incrementAndGet();
                }
                inFlight.decrementAndGet();
                maybeFinished();
            }, error -> {
                stats.errors.incrementAndGet();
                inFlight.decrementAndGet();
                maybeFinished();
            });
        }

        private void maybeFinished() {
            if (allIssued && inFlight.get() == 0 && counted.compareAndSet(false, true)) {
                finished.countDown();
            }
        }
    }

    public FleetStats stats() {
        return stats;
    }

    public FleetOptions options() {
        return options;
    }

    /** Simulated time of the fleet's first tick, epoch ms. */
    public long simulatedStart() {
        return simStart;
    }

    /** {@code vin/seq} of every sample the broker acknowledged at QoS 1 (PUBACK received). */
    public Set<String> acknowledgedSamples() {
        return Collections.unmodifiableSet(acknowledgedSamples);
    }

    /** The ground truth as far as the fleet has got; complete once the fleet is closed (read it after {@link #close()}). */
    public GroundTruthManifest manifest() {
        return ScenarioManifests.of(options.seed(), simStart, stats.simulatedTime.get(), cars, owners);
    }

    /** Waits until every car sent its last sample and all were answered (only for fleets with samplesPerVehicle > 0). */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticker.shutdownNow();
        if (options.outputDir() != null && !cars.isEmpty()) {
            manifest().write(options.outputDir().resolve("manifest.json"));
        }
        connections.forEach(VehicleConnection::close);
        stats.connected.set(0);
    }
}
