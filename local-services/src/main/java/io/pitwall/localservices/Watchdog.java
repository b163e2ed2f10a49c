package io.pitwall.localservices;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs a server command under a small bash watchdog, so that the server cannot outlive this JVM.
 *
 * <p>The watchdog's stdin is a pipe whose only writer is this JVM. When the JVM exits - normally,
 * by a signal, even by SIGKILL - the kernel closes the pipe, the watchdog reads EOF and stops the
 * server. The server is always reaped by the watchdog: on these machines PID 1 does not reap
 * orphans, so a server whose parent died first would linger as a zombie.
 */
final class Watchdog {

    /** How long {@link #stop} waits for a graceful exit when called from the shutdown hook. */
    static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);

    /**
     * Runs "$@" in the background and watches it. The server runs with stdin from /dev/null (bash
     * does that for background commands), so only the watchdog reads the pipe. {@code read -t}
     * returns 0 for a line, above 128 on timeout and 1 on EOF; EOF means the owner is gone.
     * TERM/INT/HUP are forwarded as TERM, and the watchdog then waits, so its own exit means the
     * server has exited; its exit status is the server's.
     */
    private static final String SCRIPT = String.join("\n",
            "\"$@\" &",
            "server=$!",
            "stop() { kill -TERM \"$server\" 2>/dev/null; wait \"$server\"; exit $?; }",
            "trap stop TERM INT HUP",
            "while kill -0 \"$server\" 2>/dev/null; do",
            "  read -r -t 0.5 _",
            "  status=$?",
            "  if [ \"$status\" -ne 0 ] && [ \"$status\" -le 128 ]; then stop; fi",
            "done",
            "wait \"$server\"");

    /** The server appears as the watchdog's child within milliseconds; this is a generous bound. */
    private static final Duration SERVER_APPEARS_WITHIN = Duration.ofSeconds(5);

    /** After SIGKILL a process is gone in milliseconds; this bounds the wait if something is stuck. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final List<String> command;
    private final Path logFile;
    private final Process watchdog;
    /** Empty when the command ended before it could be seen, e.g. because it could not be executed. */
    private final Optional<ProcessHandle> server;
    private final Thread shutdownHook;

    private Watchdog(List<String> command, Path logFile, Process watchdog, Optional<ProcessHandle> server) {
        this.command = command;
        this.logFile = logFile;
        this.watchdog = watchdog;
        this.server = server;
        this.shutdownHook = new Thread(() -> stop(DEFAULT_STOP_GRACE), "pitwall-stop-" + watchdog.pid());
    }

    /**
     * Starts {@code command} in {@code directory} under a watchdog. Its stdout and stderr are
     * appended to {@code logFile}.
     */
    static Watchdog start(List<String> command, Path directory, Path logFile) throws IOException {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", SCRIPT, "pitwall-watchdog"));
        wrapped.addAll(command);
        Process process = new ProcessBuilder(wrapped)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        Watchdog started = new Watchdog(List.copyOf(command), logFile, process, findServer(process));
        try {
            Runtime.getRuntime().addShutdownHook(started.shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            started.kill();
            throw jvmShuttingDown;
        }
        return started;
    }

    private static Optional<ProcessHandle> findServer(Process watchdog) {
        long deadline = System.nanoTime() + SERVER_APPEARS_WITHIN.toNanos();
        while (true) {
            // The watchdog has no other children: everything else it runs is a bash builtin.
            Optional<ProcessHandle> child = watchdog.children().findFirst();
            if (child.isPresent() || !watchdog.isAlive() || System.nanoTime() - deadline > 0) {
                return child;
            }
            if (!pause(5)) {
                return watchdog.children().findFirst();
            }
        }
    }

    List<String> command() {
        return command;
    }

    Path logFile() {
        return logFile;
    }

    /** PID of the server itself (not of the watchdog), or -1 if it was never seen running. */
    long serverPid() {
        return server.map(ProcessHandle::pid).orElse(-1L);
    }

    long watchdogPid() {
        return watchdog.pid();
    }

    boolean isAlive() {
        return server.map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Closes this JVM's end of the watchdog's stdin, which is what the kernel does when this JVM
     * dies; the watchdog then stops the server. For tests of that path.
     */
    void closeOwnerPipe() throws IOException {
        watchdog.getOutputStream().close();
    }

    /** Waits for the watchdog, and so the server, to end; empty if it still runs after {@code timeout}. */
    OptionalInt awaitExit(Duration timeout) {
        return waitFor(watchdog, timeout) ? OptionalInt.of(watchdog.exitValue()) : OptionalInt.empty();
    }

    /**
     * Asks the server to shut down (SIGTERM through the watchdog) and waits up to {@code grace}
     * for it; kills it if it is still there then. Safe to call any number of times, from any thread.
     */
    void stop(Duration grace) {
        if (watchdog.isAlive()) {
            watchdog.destroy();
            if (!waitFor(watchdog, grace)) {
                kill();
                return;
            }
        }
        cleanUp();
    }

    /** SIGKILLs the server, as a crash would, and then the watchdog. */
    void kill() {
        server.ifPresent(handle -> {
            handle.destroyForcibly();
            // Let the watchdog reap the server (it notices within half a second and exits);
            // killing the watchdog first would orphan the dead server as a zombie.
            awaitGone(handle, KILL_WAIT);
        });
        watchdog.destroyForcibly();
        waitFor(watchdog, KILL_WAIT);
        cleanUp();
    }

    private void cleanUp() {
        // Only if the watchdog itself was killed from outside can the server still be running here.
        server.filter(ProcessHandle::isAlive).ifPresent(handle -> {
            handle.destroyForcibly();
            awaitGone(handle, KILL_WAIT);
        });
        try {
            watchdog.getOutputStream().close();
        } catch (IOException ignored) {
            // The watchdog is gone; closing our end of its pipe cannot matter any more.
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // This is the shutdown hook running (or another one); it cannot be removed now and need not be.
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static boolean awaitGone(ProcessHandle handle, Duration timeout) {
        // ProcessHandle.onExit() of a process that is not our child polls too, with less predictable delays.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handle.isAlive()) {
            if (System.nanoTime() - deadline > 0 || !pause(20)) {
                return !handle.isAlive();
            }
        }
        return true;
    }

    /** Sleeps; false (with the interrupt flag restored) if interrupted. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "Watchdog[server pid " + serverPid() + ", watchdog pid " + watchdog.pid() + ": " + String.join(" ", command) + "]";
    }
}
