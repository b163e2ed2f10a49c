package io.pitwall.localservices;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real ClickHouse server running as a child process on free loopback ports, with its own
 * configuration and data in a directory of the caller's choosing.
 *
 * <p>Data survives {@link #restart()}, which comes back on the same ports.
 */
public final class ClickHouseServer implements AutoCloseable {

    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Watchdog.DEFAULT_STOP_GRACE;
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(50);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(5);
    private static final String SERVER_NAME = "ClickHouse server";

    private final Path workDir;
    private final int httpPort;
    private final int tcpPort;
    private final Duration startTimeout;
    private final List<String> binary;
    // HTTP/1.1 only: the JDK client's default HTTP/2 upgrade attempt is not something an 18.16 server expects.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private volatile Watchdog process;

    private ClickHouseServer(Path workDir, int httpPort, int tcpPort, Duration startTimeout, List<String> binary) {
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.startTimeout = startTimeout;
        this.binary = binary;
    }

    /**
     * Starts a server whose configuration, data and log live in {@code workDir}, and waits until
     * it answers {@code GET /ping}.
     *
     * @throws ClickHouseNotInstalledException if no ClickHouse server binary can be found
     */
    public static ClickHouseServer start(Path workDir) throws IOException {
        return start(workDir, DEFAULT_START_TIMEOUT);
    }

    /** As {@link #start(Path)}, waiting up to {@code startTimeout} for the server to answer. */
    public static ClickHouseServer start(Path workDir, Duration startTimeout) throws IOException {
        List<String> binary = ClickHouseBinary.command();
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        int[] ports = FreePorts.pick(2);
        ClickHouseServer server = new ClickHouseServer(dir, ports[0], ports[1], startTimeout, binary);
        server.launch();
        return server;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The native protocol port, for clickhouse-client and native drivers. */
    public int tcpPort() {
        return tcpPort;
    }

    /** {@code http://127.0.0.1:<httpPort>/} */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    /** PID of the clickhouse-server process (the last one started, after a stop). */
    public long pid() {
        return process.serverPid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The server's console output, appended across restarts. */
    public Path logFile() {
        return workDir.resolve("clickhouse.log");
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Runs one statement over HTTP and returns the response body (e.g. TabSeparated rows).
     * Responses are not compressed: compression is broken in ClickHouse 18.16.
     *
     * @throws IOException with the server's error text if it does not answer 200
     */
    public String query(String sql) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl()))
                .timeout(QUERY_TIMEOUT)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = send(request);
        } catch (IOException e) {
            // The server closes idle keep-alive connections after 2 s (for fast stops), so a pooled
            // connection can die just as it is reused. A read can safely be sent once more; a
            // write cannot, because it may have been applied.
            if (!isReadOnly(sql)) {
                throw e;
            }
            response = send(request);
        }
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse at " + httpUrl() + " answered HTTP " + response.statusCode()
                    + " to: " + abbreviate(sql) + "\n" + response.body().strip());
        }
        return response.body();
    }

    private static boolean isReadOnly(String sql) {
        String head = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        return head.startsWith("SELECT") || head.startsWith("SHOW") || head.startsWith("DESCRIBE")
                || head.startsWith("EXISTS") || head.startsWith("WITH");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for ClickHouse at " + httpUrl(), e);
        }
    }

    /** Shuts the server down cleanly (SIGTERM), killing it if it takes more than 20 s. */
    public synchronized void stop() {
        process.stop(STOP_GRACE);
    }

    /** Kills the server with SIGKILL, as a crash would; its data stays for {@link #restart()}. */
    public synchronized void kill() {
        process.kill();
    }

    /** Starts the server again on the same ports with the same data, stopping it first if it still runs. */
    public synchronized void restart() throws IOException {
        process.stop(STOP_GRACE);
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() throws IOException {
        Path config = ClickHouseConfig.write(workDir, httpPort, tcpPort);
        List<String> command = new ArrayList<>(binary);
        command.add("--config-file=" + config);
        process = Watchdog.start(command, workDir, logFile());
        Readiness.await(SERVER_NAME, process, startTimeout, PROBE_INTERVAL, this::answersPing);
    }

    private boolean answersPing() throws IOException {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(httpUrl() + "ping"))
                .timeout(Duration.ofSeconds(1))
                .GET()
                .build();
        HttpResponse<String> response = send(ping);
        return response.statusCode() == 200 && response.body().strip().equals("Ok.");
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    @Override
    public String toString() {
        return "ClickHouseServer[" + httpUrl() + ", pid " + pid() + ", " + workDir + "]";
    }
}
