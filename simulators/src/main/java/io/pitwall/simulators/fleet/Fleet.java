package io.pitwall.simulators.fleet;

import io.pitwall.contracts.Json;
import io.pitwall.simulators.mqtt.VehicleConnection;
import org.eclipse.paho.client.mqttv3.MqttException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running simulated fleet: each car connects over MQTT and publishes one telemetry sample per
 * tick. Simulated time starts at the real start time and runs {@code timeAcceleration} times as
 * fast, so samples carry plausible timestamps.
 */
public final class Fleet implements AutoCloseable {

    private final FleetOptions options;
    private final FleetStats stats = new FleetStats();
    private final List<VehicleConnection> connections = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-ticker");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch finished;

    private Fleet(FleetOptions options) {
        this.options = options;
        this.finished = new CountDownLatch(options.vehicles());
    }

    /** Connects every car (failing fast with a clear message) and starts driving. */
    public static Fleet start(FleetOptions options) throws MqttException {
        Fleet fleet = new Fleet(options);
        try {
            fleet.connectAndDrive();
        } catch (MqttException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    public static String vin(FleetOptions options, int index) {
        return VinFactory.vin(options.seed(), index);
    }

    private void connectAndDrive() throws MqttException {
        long simStart = System.currentTimeMillis();
        long intervalMillis = options.sampleInterval().toMillis();
        double simStepSeconds = intervalMillis / 1000.0 * options.timeAcceleration();
        for (int i = 0; i < options.vehicles(); i++) {
            String vin = vin(options, i);
            VehicleConnection connection = VehicleConnection.connect(options.brokerUri(), vin,
                    DeviceSecrets.secretFor(options.seed(), vin));
            connections.add(connection);
            stats.connected.incrementAndGet();
            SimulatedVehicle vehicle = new SimulatedVehicle(vin, options.seed());
            String topic = "v1/vehicles/" + vin + "/telemetry";
            long offset = intervalMillis * i / options.vehicles();
            ticker.scheduleAtFixedRate(new Runnable() {
                private long sent;
                private double simSeconds;

                @Override
                public void run() {
                    if (options.samplesPerVehicle() > 0 && sent >= options.samplesPerVehicle()) {
                        return;
                    }
                    simSeconds += simStepSeconds;
                    SimulatedVehicle.Sample sample = vehicle.step(simStart + (long) (simSeconds * 1000), simStepSeconds);
                    stats.published.incrementAndGet();
                    sent++;
                    boolean last = options.samplesPerVehicle() > 0 && sent == options.samplesPerVehicle();
                    connection.publish(topic, Json.write(sample), options.qos(), () -> {
                        stats.acknowledged.incrementAndGet();
                        if (last) {
                            finished.countDown();
                        }
                    }, error -> {
                        stats.errors.incrementAndGet();
                        if (last) {
                            finished.countDown();
                        }
                    });
                }
            }, offset, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    public FleetStats stats() {
        return stats;
    }

    /** Waits until every car sent its last sample (only for fleets with samplesPerVehicle > 0). */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        connections.forEach(VehicleConnection::close);
        stats.connected.set(0);
    }
}
