package io.pitwall.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseNotInstalledExceptionTest {

    private static final String HOW_TO_INSTALL = "ClickHouse server not found at /usr/sbin/clickhouse-server"
            + " (or on PATH as clickhouse-server / clickhouse). Install it with: sudo apt-get update"
            + " && sudo apt-get install -y clickhouse-server clickhouse-client";

    @TempDir
    Path dir;

    @Test
    void messageSaysExactlyHowToInstallWhenNothingIsFound() {
        assertThatThrownBy(() -> ClickHouseBinary.resolve(null, null, List.of(dir.resolve("clickhouse-server")), dir.toString()))
                .isInstanceOf(ClickHouseNotInstalledException.class)
                .hasMessage(HOW_TO_INSTALL);
    }

    @Test
    void startFailsWithInstallInstructionsWhenTheOverrideIsMissing() {
        String missing = dir.resolve("no-such-clickhouse-server").toString();
        System.setProperty(ClickHouseBinary.PROPERTY, missing);
        try {
            assertThatThrownBy(() -> ClickHouseServer.start(dir.resolve("work")))
                    .isInstanceOf(ClickHouseNotInstalledException.class)
                    .hasMessageStartingWith(HOW_TO_INSTALL)
                    .hasMessageContaining(ClickHouseBinary.PROPERTY + " is set to " + missing);
        } finally {
            System.clearProperty(ClickHouseBinary.PROPERTY);
        }
        assertThat(dir.resolve("work")).doesNotExist();
    }
}
