package io.pitwall.simulators.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pitwall.contracts.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What really happened in a simulated run, for scoring detection: every vehicle's fixed facts and
 * hidden state at the start, daily, and at the end; every injected fault with the alert it should
 * raise and when its symptom first became visible in the data; every workshop visit.
 * Written as JSON next to the run ({@code manifest.json}); its JSON Schema (draft 2020-12) ships
 * in this jar as {@link #SCHEMA_RESOURCE}.
 */
public record GroundTruthManifest(int schemaVersion, long seed, long startedAt, long endedAt,
                                  List<VehicleEntry> vehicles, List<FaultEntry> faults, List<ServiceEntry> services) {

    public static final int SCHEMA_VERSION = 1;
    /**
     * Class-path resource of the manifest's JSON Schema. It lives here, not among the wire
     * contracts' schemas: the manifest is the simulator's output for scoring, not a message
     * that crosses the system boundary.
     */
    public static final String SCHEMA_RESOURCE = "schemas/ground-truth-manifest.schema.json";

    /**
     * @param daily the hidden state at each local midnight the run passed
     */
    public record VehicleEntry(int index, String vin, String ownerId, Powertrain powertrain, String model, int modelYear,
                               String city, String timeZone, boolean padWearSensor, Double nameplateKwh,
                               VehicleTruth initial, VehicleTruth last, List<VehicleTruth> daily) {
    }

    /**
     * @param startsAt       when the fault began, epoch ms (simulated time)
     * @param expectedAlert  the alert kind a working pipeline should raise
     * @param dtcCode        the trouble code the car sets for it, if any
     * @param wheel          for a tyre leak, which wheel (VSS path part, e.g. Row1.Wheel.Left)
     * @param symptom        the condition that counts as the fault being visible in the data
     * @param firstSymptomAt first sample time at which that condition held, null if it never did in the run
     * @param resolvedAt     when a workshop fixed it, null if it lasted to the end
     */
    public record FaultEntry(int vehicleIndex, String vin, FaultKind fault, long startsAt, String expectedAlert,
                             String dtcCode, String wheel, String symptom, Long firstSymptomAt, Long resolvedAt) {
    }

    public record ServiceEntry(int vehicleIndex, String vin, long at, List<String> items, double odometerKm) {
    }

    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground-truth manifest to " + file, e);
        }
    }

    public static GroundTruthManifest read(Path file) {
        try {
            return Json.read(Files.readAllBytes(file), GroundTruthManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ground-truth manifest " + file, e);
        }
    }
}
