package io.pitwall.sink.clickhouse;

import com.clickhouse.client.api.Client;

import java.io.Serializable;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where the ClickHouse server is and how to log in. Serializable because Flink ships it inside the
 * sink to every task manager; each writer builds its own {@link Client} from it.
 */
public record ClickHouseSettings(String endpoint, String database, String username, String password)
        implements Serializable {

    public static final String DEFAULT_DATABASE = "pitwall";

    public ClickHouseSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        URI uri = URI.create(endpoint);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getPort() <= 0) {
            throw new IllegalArgumentException("ClickHouse endpoint '" + endpoint
                    + "' must be an HTTP URL with a port, e.g. http://127.0.0.1:8123/");
        }
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database;
        username = username == null || username.isBlank() ? "default" : username;
        password = password == null ? "" : password;
    }

    /** How long one INSERT may take before it counts as failed and is retried. */
    public long insertTimeoutSeconds() {
        return 120;
    }

    public static ClickHouseSettings of(String endpoint) {
        return new ClickHouseSettings(endpoint, DEFAULT_DATABASE, "default", "");
    }

    /**
     * A client for this server. Response compression is off because ClickHouse 18.16 answers
     * compressed HTTP responses with an empty body; request compression is off for the same
     * server's sake (the build machines' only version).
     */
    public Client newClient() {
        return new Client.Builder()
                .addEndpoint(endpoint)
                .setUsername(username)
                .setPassword(password)
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(60, ChronoUnit.SECONDS)
                .build();
    }
}
