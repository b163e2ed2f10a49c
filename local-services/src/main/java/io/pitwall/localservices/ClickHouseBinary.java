package io.pitwall.localservices;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the command that runs a ClickHouse server: an explicit override, the Debian package's
 * binary, or a binary on PATH - either {@code clickhouse-server} or the all-in-one
 * {@code clickhouse} that needs the {@code server} sub-command.
 */
final class ClickHouseBinary {

    static final String PROPERTY = "pitwall.clickhouse.server";
    static final String ENVIRONMENT = "PITWALL_CLICKHOUSE_SERVER";

    private static final List<Path> WELL_KNOWN = List.of(
            Path.of("/usr/sbin/clickhouse-server"), Path.of("/usr/bin/clickhouse-server"));

    private ClickHouseBinary() {
    }

    /** The command prefix that starts a server; arguments follow it. */
    static List<String> command() {
        return resolve(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), WELL_KNOWN, System.getenv("PATH"));
    }

    static List<String> resolve(String property, String environment, List<Path> wellKnown, String searchPath) {
        String override = property != null && !property.isBlank() ? property : environment;
        if (override != null && !override.isBlank()) {
            Path binary = Path.of(override.trim());
            if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
                String source = property != null && !property.isBlank() ? "System property " + PROPERTY : "Environment variable " + ENVIRONMENT;
                // An explicit choice that is wrong must fail, not quietly fall back to another server.
                throw new ClickHouseNotInstalledException(source + " is set to " + override
                        + ", which is not an executable file; point it at a clickhouse-server or clickhouse binary, or unset it.");
            }
            return commandFor(binary);
        }
        for (Path binary : wellKnown) {
            if (Files.isExecutable(binary)) {
                return commandFor(binary);
            }
        }
        return onPath(searchPath, "clickhouse-server")
                .or(() -> onPath(searchPath, "clickhouse"))
                .map(ClickHouseBinary::commandFor)
                .orElseThrow(() -> new ClickHouseNotInstalledException(null));
    }

    private static List<String> commandFor(Path binary) {
        String name = binary.getFileName().toString();
        return name.equals("clickhouse") ? List.of(binary.toString(), "server") : List.of(binary.toString());
    }

    private static Optional<Path> onPath(String searchPath, String name) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
