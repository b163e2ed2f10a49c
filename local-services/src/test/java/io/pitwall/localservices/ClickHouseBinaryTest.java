package io.pitwall.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseBinaryTest {

    @TempDir
    Path dir;

    @Test
    void systemPropertyWinsOverEnvironmentVariable() throws Exception {
        Path fromProperty = executable("clickhouse-server");
        Path fromEnvironment = executable("other/clickhouse-server");

        assertThat(ClickHouseBinary.resolve(fromProperty.toString(), fromEnvironment.toString(), List.of(), ""))
                .containsExactly(fromProperty.toString());
    }

    @Test
    void environmentVariableIsUsedWithoutTheProperty() throws Exception {
        Path fromEnvironment = executable("clickhouse-server");

        assertThat(ClickHouseBinary.resolve(null, fromEnvironment.toString(), List.of(), ""))
                .containsExactly(fromEnvironment.toString());
    }

    @Test
    void allInOneBinaryGetsTheServerSubcommand() throws Exception {
        Path allInOne = executable("bin/clickhouse");

        assertThat(ClickHouseBinary.resolve(null, null, List.of(), allInOne.getParent().toString()))
                .containsExactly(allInOne.toString(), "server");
    }

    @Test
    void wellKnownLocationComesBeforePath() throws Exception {
        Path packaged = executable("sbin/clickhouse-server");
        Path onPath = executable("bin/clickhouse-server");

        assertThat(ClickHouseBinary.resolve(null, null, List.of(packaged), onPath.getParent().toString()))
                .containsExactly(packaged.toString());
    }

    @Test
    void nonExecutableOverrideIsRefusedRatherThanIgnored() throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("clickhouse-server"), "");
        Path packaged = executable("sbin/clickhouse-server");

        assertThatThrownBy(() -> ClickHouseBinary.resolve(null, notExecutable.toString(), List.of(packaged), ""))
                .isInstanceOf(ClickHouseNotInstalledException.class)
                .hasMessageContaining(ClickHouseBinary.ENVIRONMENT + " is set to " + notExecutable);
    }

    private Path executable(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
