package io.pitwall.localservices;

import java.nio.file.Path;
import java.util.List;

/**
 * A JVM that starts {@code sleep 1000} under a watchdog, prints the sleeper's PID and waits to be
 * killed - the owner whose sudden death {@link WatchdogTest} simulates for real.
 */
public final class WatchdogOwner {

    private WatchdogOwner() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Watchdog watchdog = Watchdog.start(List.of("sleep", "1000"), dir, dir.resolve("owner.log"));
        System.out.println(watchdog.serverPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
