package io.pitwall.simulators.replay;

import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryDecoder;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CarObdLogTest {

    /** The shared carOBD logs, next to the repository (../../shared/data/carobd from this module). */
    private static final Path SHARED = Path.of(System.getProperty("pitwall.carobd.dir", "../../shared/data/carobd"));
    private static final long START = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();

    @Test
    void everySharedLogParsesIntoValidTelemetryWithIncreasingTimestamps() throws IOException {
        assumeTrue(Files.isDirectory(SHARED), "shared carOBD logs not found at " + SHARED.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> list = Files.list(SHARED)) {
            files = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        TelemetryDecoder decoder = new TelemetryDecoder(ContractLimits.defaults(), Clock.fixed(Instant.ofEpochMilli(START), ZoneOffset.UTC));
        for (Path file : files) {
            CarObdLog log = CarObdLog.read(file);
            assertThat(log.columns()).as(file.toString()).hasSize(27).contains("ENGINE_RUN_TINE", "VEHICLE_SPEED");
            assertThat(log.rows()).as(file.toString()).hasSizeGreaterThan(1000);
            assertThat(log.skippedRows()).as(file.toString()).isLessThan(5);
            List<Sample> samples = log.samples(START - Math.round(log.durationSeconds() * 1000), 1, false, 0);
            assertThat(samples.size()).as(file.toString()).isLessThan(log.rows().size()).isGreaterThan(log.rows().size() / 5);
            for (int i = 1; i < samples.size(); i++) {
                assertThat(samples.get(i).ts()).as(file + " row " + i).isGreaterThan(samples.get(i - 1).ts());
                assertThat(samples.get(i).seq()).isEqualTo(samples.get(i - 1).seq() + 1);
            }
            double span = (samples.get(samples.size() - 1).ts() - samples.get(0).ts()) / 1000.0;
            assertThat(span).as(file.toString()).isBetween(log.durationSeconds() - 30, log.durationSeconds());
            for (Sample s : samples) {
                assertThat(s.signals()).containsKeys("Vehicle.Speed", "Vehicle.Powertrain.CombustionEngine.ECT",
                        "Vehicle.LowVoltageBattery.CurrentVoltage", "Vehicle.OBD.FuelLevel", "Vehicle.TraveledDistance");
                assertThat(s.signals().get("Vehicle.LowVoltageBattery.CurrentVoltage")).isBetween(0.0, 16.0);
            }
            byte[] batch = Json.write(TelemetryMessage.batch("LSVAU2180N2183294", samples.subList(0, Math.min(100, samples.size()))));
            assertThat(decoder.decode("LSVAU2180N2183294", batch, PayloadFormat.JSON).samples()).isNotEmpty();
        }
    }

    @Test
    void readsAnyCsvOfTheFormatAndSpreadsRepeatedRowsOverTheirSecond(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("mine.csv");
        Files.writeString(csv, """
                ENGINE_RUN_TINE (),VEHICLE_SPEED (),COOLANT_TEMPERATURE (),MY_OWN_PID ()
                0.000000, 0.000000, 20.000000, 1.0,
                0.000000, 36.000000, 20.000000, 1.0,
                2.000000, 36.000000, 21.000000, 1.0,
                2.000000, 36.000000, 21.000000, 1.0,
                3.0, 1
                1.000000, 0.000000, 60.000000, 2.0,
                """);
        CarObdLog log = CarObdLog.read(csv);
        assertThat(log.skippedRows()).isEqualTo(1);
        assertThat(CarObdLog.vssPath("MY_OWN_PID")).isEqualTo("Vehicle.OBD.MyOwnPid");
        List<Sample> all = log.samples(0, 10, true, 100);
        assertThat(all).extracting(Sample::ts).containsExactly(0L, 1000L, 2000L, 3000L, 4000L);
        assertThat(all.get(2).signals().get("Vehicle.TraveledDistance")).isGreaterThan(100.0);
        assertThat(log.samples(0, 10, false, 100)).hasSize(4);
    }

    @Test
    void aFileWithoutTheRunTimeColumnIsRefusedWithItsHeader(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "SPEED (),RPM ()\n1,2,\n");
        assertThatThrownBy(() -> CarObdLog.read(csv)).hasMessageContaining("ENGINE_RUN_TINE").hasMessageContaining("SPEED");
    }
}
