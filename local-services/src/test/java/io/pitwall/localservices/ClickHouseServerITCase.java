package io.pitwall.localservices;

import static io.pitwall.localservices.ProcessAssertions.assertGoneWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClickHouseServerITCase {

    private static ClickHouseServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ClickHouseServer.start(TestDirectories.fresh("ClickHouseServerITCase"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void createsInsertsAndCountsInAMergeTree() throws Exception {
        server.query("CREATE TABLE samples (vin String, ts DateTime, speed Float64)"
                + " ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (vin, ts)");
        server.query("INSERT INTO samples VALUES ('VIN1', '2026-01-01 00:00:00', 10), ('VIN1', '2026-01-01 00:00:01', 11),"
                + " ('VIN2', '2026-01-01 00:00:00', 12)");

        assertThat(server.query("SELECT count() FROM samples")).isEqualTo("3\n");
        assertThat(server.query("SELECT timezone()")).isIn("UTC\n", "Etc/UTC\n");
    }

    @Test
    void lowCardinalityStringWorksThroughTheProfileSetting() throws Exception {
        server.query("CREATE TABLE makes (make LowCardinality(String)) ENGINE = MergeTree ORDER BY make");
        server.query("INSERT INTO makes VALUES ('volvo'), ('volvo'), ('polestar')");

        assertThat(server.query("SELECT make, count() FROM makes GROUP BY make ORDER BY make"))
                .isEqualTo("polestar\t1\nvolvo\t2\n");
    }

    @Test
    void failedQueryCarriesTheServersError() {
        assertThatThrownBy(() -> server.query("SELECT no_such_column FROM system.one"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("no_such_column");
    }

    @Test
    void restartKeepsTheDataAndThePorts() throws Exception {
        server.query("CREATE TABLE survives_restart (n UInt32) ENGINE = MergeTree ORDER BY n");
        server.query("INSERT INTO survives_restart VALUES (1), (2)");
        int httpPort = server.httpPort();
        int tcpPort = server.tcpPort();
        long oldPid = server.pid();

        server.restart();

        assertThat(server.httpPort()).isEqualTo(httpPort);
        assertThat(server.tcpPort()).isEqualTo(tcpPort);
        assertThat(server.pid()).isNotEqualTo(oldPid);
        assertGoneWithin(oldPid, Duration.ofSeconds(5));
        assertThat(server.query("SELECT sum(n) FROM survives_restart")).isEqualTo("3\n");
    }

    @Test
    void killedServerComesBackWithItsData() throws Exception {
        server.query("CREATE TABLE survives_crash (n UInt32) ENGINE = MergeTree ORDER BY n");
        server.query("INSERT INTO survives_crash VALUES (5)");
        long oldPid = server.pid();

        server.kill();
        assertThat(server.isRunning()).isFalse();
        assertGoneWithin(oldPid, Duration.ofSeconds(5));
        server.restart();

        assertThat(server.query("SELECT sum(n) FROM survives_crash")).isEqualTo("5\n");
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        Optional<InetAddress> other = Loopback.otherAddress();
        assumeTrue(other.isPresent(), "this machine has no address besides loopback");

        assertThat(Loopback.accepts(InetAddress.getLoopbackAddress(), server.httpPort())).isTrue();
        assertThat(Loopback.accepts(other.get(), server.httpPort())).isFalse();
        assertThat(Loopback.accepts(other.get(), server.tcpPort())).isFalse();
    }

    @Test
    void stopLeavesNoProcessAndCanBeRepeated() throws Exception {
        ClickHouseServer own = ClickHouseServer.start(TestDirectories.fresh("ClickHouseServerITCase-stop"));
        long pid = own.pid();
        assertThat(own.query("SELECT 1")).isEqualTo("1\n");

        own.stop();

        assertThat(own.isRunning()).isFalse();
        assertGoneWithin(pid, Duration.ofSeconds(1));
        own.stop();
        own.close();
    }
}
