package io.pitwall.localservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Checks that a process is really gone: not running and reaped, not a zombie. */
final class ProcessAssertions {

    private ProcessAssertions() {
    }

    static void assertGoneWithin(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (exists(pid) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("process %d alive", pid).isNotEqualTo(Optional.of(true));
        // A zombie still has a /proc entry; the watchdog must have reaped the server.
        assertThat(Path.of("/proc", Long.toString(pid))).as("/proc entry of process %d", pid).doesNotExist();
    }

    static boolean exists(long pid) {
        return Files.exists(Path.of("/proc", Long.toString(pid)));
    }
}
