package io.pitwall.simulators.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Optional;

/**
 * Every connection is a socket, and a socket is an open file: a process cannot hold more
 * connections than its open-file limit ({@code ulimit -n}; the JVM raises the soft limit to the
 * hard one) minus what the JVM itself keeps open. A run past it would fail midway with "Too many
 * open files", so it is refused up front with the way out: several processes.
 */
final class FileDescriptorBudget {

    /** Files the JVM, Netty's selectors and the logs open besides the sockets, with a margin. */
    static final int RESERVE = 64;

    private FileDescriptorBudget() {
    }

    /** Refuses a run this process cannot hold; does nothing where the JVM cannot tell (not Unix). */
    static void check(int connections) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            problem(connections, unix.getOpenFileDescriptorCount(), unix.getMaxFileDescriptorCount()).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
    }

    static Optional<String> problem(int connections, long open, long max) {
        long available = max - open - RESERVE;
        if (max <= 0 || connections <= available) {
            return Optional.empty();
        }
        return Optional.of(connections + " connections need as many open files, but this process may open only "
                + Math.max(0, available) + " more (open-file limit " + max + ", ulimit -Hn caps it)."
                + " Split the run over several processes, each with its own --connections/--idle, --first-vehicle and"
                + " --source range (see docs/simulators.md, Load).");
    }
}
