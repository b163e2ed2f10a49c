package io.pitwall.sink.clickhouse.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationCatalogTest {

    @Test
    void splitsStatementsAtLineEndSemicolonsAndDropsComments() {
        String sql = "-- a comment; with a semicolon\nCREATE TABLE a (x UInt8)\nENGINE = Memory;\n\nCREATE TABLE b (y String) ENGINE = Memory;\n";
        assertThat(MigrationCatalog.splitStatements(sql)).containsExactly(
                "CREATE TABLE a (x UInt8)\nENGINE = Memory", "CREATE TABLE b (y String) ENGINE = Memory");
    }

    @Test
    void refusesAStatementWithoutItsSemicolon() {
        assertThatThrownBy(() -> MigrationCatalog.splitStatements("CREATE TABLE a (x UInt8) ENGINE = Memory"))
                .hasMessageContaining("missing its closing ';'");
    }

    @Test
    void shipsNumberedMigrationsWithRealSortKeys() {
        List<Migration> migrations = MigrationCatalog.load();
        assertThat(migrations).isNotEmpty();
        assertThat(migrations.get(0).version()).isEqualTo(1);
        migrations.forEach(m -> m.statements().stream()
                .filter(s -> s.contains("MergeTree"))
                .forEach(s -> assertThat(s).contains("ORDER BY (").doesNotContain("ORDER BY ()")));
    }

    @Test
    void usesNothingClickHouse18Lacks() {
        List<String> missingOn18 = List.of("DateTime64", "CODEC(", "TTL ", "Map(", "JSONExtract",
                "SimpleAggregateFunction", "OVER (", "LowCardinality");
        MigrationCatalog.load().forEach(m -> m.statements().forEach(s -> missingOn18.forEach(word ->
                assertThat(s).as("V%03d %s", m.version(), m.name()).doesNotContain(word))));
    }

    @Test
    void partitionsEveryFactTableByMonth() {
        MigrationCatalog.load().forEach(m -> m.statements().stream()
                .filter(s -> s.startsWith("CREATE TABLE") && s.contains("MergeTree") && !s.contains(".owners ("))
                .forEach(s -> assertThat(s).as("V%03d %s", m.version(), m.name()).containsPattern("PARTITION BY toYYYYMM\\(")));
    }
}
