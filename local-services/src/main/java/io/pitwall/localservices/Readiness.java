package io.pitwall.localservices;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * Waits for a freshly started server to answer. If it dies or stays silent past the timeout, the
 * server is killed and the failure reported with its command and the end of its log.
 */
final class Readiness {

    /** One attempt to talk to the server; true when it answers as a ready server does. */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws Exception;
    }

    private Readiness() {
    }

    static void await(String server, Watchdog process, Duration timeout, Duration interval, Probe probe)
            throws ServerStartException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            if (!process.isAlive()) {
                OptionalInt status = process.awaitExit(Duration.ofSeconds(2));
                process.kill();
                String how = status.isPresent() ? "exited with status " + status.getAsInt() : "exited";
                throw ServerStartException.of(server, how + " while starting", process.command(), process.logFile(), lastFailure);
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.kill();
                throw ServerStartException.of(server, "start was interrupted", process.command(), process.logFile(), e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                process.kill();
                String problem = "did not become ready within " + timeout.toMillis() + " ms and was killed"
                        + (lastFailure == null ? "" : " (last probe: " + lastFailure + ")");
                throw ServerStartException.of(server, problem, process.command(), process.logFile(), lastFailure);
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.kill();
                throw ServerStartException.of(server, "start was interrupted", process.command(), process.logFile(), e);
            }
        }
    }
}
