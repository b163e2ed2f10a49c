package io.pitwall.sink.clickhouse.schema;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Brings a ClickHouse database up to the newest schema at start-up. ClickHouse has no DDL
 * transactions or locks, so safety with several writers starting at once comes from every
 * statement being idempotent ({@code IF NOT EXISTS}) and the ledger table deduplicating by version:
 * two writers applying the same migration both succeed and leave one ledger row.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final long STATEMENT_TIMEOUT_SECONDS = 60;

    private final ClickHouseSettings settings;

    public SchemaMigrator(ClickHouseSettings settings) {
        this.settings = settings;
    }

    /** Applies every migration not yet recorded; returns the versions applied by this call. */
    public List<Integer> migrate() {
        String db = settings.database();
        try (Client client = settings.newClient()) {
            execute(client, "CREATE DATABASE IF NOT EXISTS " + db);
            execute(client, "CREATE TABLE IF NOT EXISTS " + db + ".schema_migrations ("
                    + " version UInt32, name String, checksum String, applied_at DateTime)"
                    + " ENGINE = ReplacingMergeTree(applied_at) ORDER BY version");
            Map<Integer, String> applied = appliedChecksums(client, db);
            List<Migration> pending = MigrationCatalog.load().stream()
                    .filter(m -> checkNotAltered(m, applied.get(m.version())))
                    .toList();
            for (Migration migration : pending) {
                LOG.info("Applying ClickHouse migration V{}__{}", migration.version(), migration.name());
                for (String statement : migration.statements()) {
                    execute(client, statement.replace("${database}", db));
                }
                execute(client, "INSERT INTO " + db + ".schema_migrations VALUES ("
                        + migration.version() + ", '" + migration.name() + "', '" + migration.checksum()
                        + "', now())");
            }
            return pending.stream().map(Migration::version).toList();
        }
    }

    /** True when the migration still has to run; fails if an applied file was edited afterwards. */
    private static boolean checkNotAltered(Migration migration, String appliedChecksum) {
        if (appliedChecksum == null) {
            return true;
        }
        if (!appliedChecksum.equals(migration.checksum())) {
            throw new IllegalStateException("Migration V" + migration.version() + "__" + migration.name()
                    + " was changed after it was applied. Never edit an applied migration: add a new one.");
        }
        return false;
    }

    private static Map<Integer, String> appliedChecksums(Client client, String db) {
        Map<Integer, String> applied = new HashMap<>();
        String body = query(client, "SELECT version, checksum FROM " + db + ".schema_migrations FINAL FORMAT TabSeparated");
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                String[] cols = line.split("\t");
                applied.put(Integer.parseInt(cols[0]), cols[1]);
            }
        }
        return applied;
    }

    static void execute(Client client, String sql) {
        try {
            client.execute(sql).get(STATEMENT_TIMEOUT_SECONDS, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            throw failure(sql, e);
        }
    }

    static String query(Client client, String sql) {
        try (QueryResponse response = client.query(sql).get(STATEMENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            return new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw failure(sql, e);
        }
    }

    private static IllegalStateException failure(String sql, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof TimeoutException ? "timed out" : String.valueOf(cause.getMessage());
        return new IllegalStateException("ClickHouse statement failed (" + why + "): " + sql, cause);
    }

    /** Kept for callers that read raw query output, e.g. the cookbook tests. */
    public static String queryTabSeparated(ClickHouseSettings settings, String sql) throws IOException {
        try (Client client = settings.newClient()) {
            return query(client, sql);
        }
    }
}
