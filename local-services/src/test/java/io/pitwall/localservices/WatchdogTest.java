package io.pitwall.localservices;

import static io.pitwall.localservices.ProcessAssertions.assertGoneWithin;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchdogTest {

    private static final Duration SOON = Duration.ofSeconds(5);
    /** Exit status of a process ended by SIGTERM, as bash reports it. */
    private static final int TERMINATED = 143;

    @TempDir
    Path dir;

    @Test
    void serverPidIsTheCommandNotTheWatchdog() throws Exception {
        Watchdog watchdog = Watchdog.start(List.of("sleep", "1000"), dir, dir.resolve("log"));
        try {
            ProcessHandle server = ProcessHandle.of(watchdog.serverPid()).orElseThrow();
            // The server is forked as a bash subshell that then execs the command: on a busy
            // machine the PID can still show bash for a moment.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!server.info().command().orElse("").endsWith("sleep") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.info().command()).hasValueSatisfying(command -> assertThat(command).endsWith("sleep"));
            assertThat(server.parent().map(ProcessHandle::pid)).hasValue(watchdog.watchdogPid());
            assertThat(watchdog.isAlive()).isTrue();
        } finally {
            watchdog.kill();
        }
    }

    @Test
    void closingTheOwnersPipeStopsTheServer() throws Exception {
        Watchdog watchdog = Watchdog.start(List.of("sleep", "1000"), dir, dir.resolve("log"));
        long server = watchdog.serverPid();

        watchdog.closeOwnerPipe();

        assertThat(watchdog.awaitExit(SOON)).isEqualTo(OptionalInt.of(TERMINATED));
        assertGoneWithin(server, SOON);
    }

    @Test
    void termToTheWatchdogStopsTheServer() throws Exception {
        Watchdog watchdog = Watchdog.start(List.of("sleep", "1000"), dir, dir.resolve("log"));
        long server = watchdog.serverPid();

        ProcessHandle.of(watchdog.watchdogPid()).orElseThrow().destroy();

        assertThat(watchdog.awaitExit(SOON)).isEqualTo(OptionalInt.of(TERMINATED));
        assertGoneWithin(server, SOON);
        watchdog.stop(SOON);
    }

    @Test
    void sigkilledOwnerJvmTakesItsServerDown() throws Exception {
        String classpath = String.join(java.io.File.pathSeparator,
                codeSource(Watchdog.class), codeSource(WatchdogOwner.class));
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", classpath, WatchdogOwner.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            long server;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
                server = Long.parseLong(out.readLine().trim());
            }
            assertThat(ProcessAssertions.exists(server)).isTrue();

            owner.destroyForcibly();
            assertThat(owner.waitFor(5, TimeUnit.SECONDS)).isTrue();

            assertGoneWithin(server, SOON);
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    void killSigkillsTheServerAndReapsIt() throws Exception {
        Watchdog watchdog = Watchdog.start(List.of("sleep", "1000"), dir, dir.resolve("log"));
        long server = watchdog.serverPid();

        watchdog.kill();

        assertGoneWithin(server, SOON);
        assertGoneWithin(watchdog.watchdogPid(), SOON);
        assertThat(watchdog.isAlive()).isFalse();
    }

    @Test
    void stopKillsAServerThatIgnoresTerm() throws Exception {
        // An ignored signal stays ignored across exec, so this sleep shrugs off SIGTERM.
        Watchdog watchdog = Watchdog.start(List.of("bash", "-c", "trap '' TERM; exec sleep 1000"), dir, dir.resolve("log"));
        long server = watchdog.serverPid();

        long started = System.nanoTime();
        watchdog.stop(Duration.ofMillis(500));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SOON);
        assertGoneWithin(server, SOON);
        assertGoneWithin(watchdog.watchdogPid(), SOON);
    }

    @Test
    void watchdogEndsWithTheServersExitStatus() throws Exception {
        Watchdog watchdog = Watchdog.start(List.of("bash", "-c", "echo hello from the server; exit 7"), dir, dir.resolve("log"));

        assertThat(watchdog.awaitExit(SOON)).isEqualTo(OptionalInt.of(7));
        assertThat(LogTail.lastLines(dir.resolve("log"), 5)).contains("hello from the server");
        watchdog.stop(SOON);
    }

    @Test
    void stopIsIdempotent() throws Exception {
        Watchdog watchdog = Watchdog.start(List.of("sleep", "1000"), dir, dir.resolve("log"));
        long server = watchdog.serverPid();

        watchdog.stop(SOON);
        watchdog.stop(SOON);
        watchdog.kill();

        assertGoneWithin(server, SOON);
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
