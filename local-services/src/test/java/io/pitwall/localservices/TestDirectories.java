package io.pitwall.localservices;

import java.nio.file.Path;
import java.util.UUID;

/** Work directories for servers started by tests, kept under target/ so their logs can be read afterwards. */
final class TestDirectories {

    private TestDirectories() {
    }

    static Path fresh(String name) {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath()
                .resolve("target").resolve("local-services")
                .resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
