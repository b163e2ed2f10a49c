package io.pitwall.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed starts, shown through a fake ClickHouse binary so no real server is needed. */
class ReadinessTest {

    @TempDir
    Path dir;

    @Test
    void serverThatExitsWhileStartingIsReportedWithCommandAndLog() throws Exception {
        Path fake = script("crashing-clickhouse", "echo \"cannot start: bad config $1\"; exit 3");

        ServerStartException failure = startWith(fake, Duration.ofSeconds(10));

        assertThat(failure.getMessage())
                .contains("ClickHouse server exited with status 3 while starting")
                .contains("Command: " + fake + " --config-file=" + dir.resolve("work/config.xml"))
                .contains("Log file: " + dir.resolve("work/clickhouse.log"))
                .contains("| cannot start: bad config --config-file=");
    }

    @Test
    void serverThatNeverAnswersIsKilledAfterTheTimeout() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path fake = script("silent-clickhouse", "echo $$ > " + pidFile + "; echo listening nowhere; exec sleep 1000");

        ServerStartException failure = startWith(fake, Duration.ofSeconds(2));

        assertThat(failure.getMessage())
                .contains("ClickHouse server did not become ready within 2000 ms and was killed")
                .contains("| listening nowhere");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessAssertions.assertGoneWithin(pid, Duration.ofSeconds(5));
    }

    @Test
    void readinessWaitsForTheProbe() throws Exception {
        Watchdog process = Watchdog.start(List.of("sleep", "1000"), dir, dir.resolve("log"));
        try {
            long started = System.nanoTime();
            Readiness.await("sleeper", process, Duration.ofSeconds(10), Duration.ofMillis(10),
                    () -> System.nanoTime() - started > Duration.ofMillis(300).toNanos());
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.kill();
        }
    }

    private ServerStartException startWith(Path binary, Duration timeout) {
        System.setProperty(ClickHouseBinary.PROPERTY, binary.toString());
        try {
            Throwable thrown = catchThrowable(() -> ClickHouseServer.start(dir.resolve("work"), timeout));
            assertThat(thrown).isInstanceOf(ServerStartException.class);
            return (ServerStartException) thrown;
        } finally {
            System.clearProperty(ClickHouseBinary.PROPERTY);
        }
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
