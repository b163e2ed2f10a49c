package io.pitwall.local.cli;

import io.pitwall.sink.clickhouse.cookbook.Cookbook;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the offer funnel by owner tier and by A/B variant (cookbook Q4a and Q4b), with each variant's lift over the experiment's control and a two-proportion z-test on booking conversion.")
final class OfferReportCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--clickhouse-url", defaultValue = "http://127.0.0.1:8123/", description = "ClickHouse HTTP endpoint (default ${DEFAULT-VALUE}).")
    String url;
    @Option(names = "--user", defaultValue = "default", description = "Default ${DEFAULT-VALUE}.")
    String user;
    @Option(names = "--password-env", defaultValue = "PITWALL_CLICKHOUSE_PASSWORD", description = "Environment variable with the password (default ${DEFAULT-VALUE}; unset = none).")
    String passwordEnv;
    @Option(names = "--from", description = "Offers decided from this UTC time, yyyy-MM-ddTHH:mm:ssZ (default: 90 days ago).")
    Instant from;
    @Option(names = "--to", description = "... until this UTC time (default: a day from now).")
    Instant to;
    @Spec
    CommandSpec spec;
    @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level of the A/B test (default ${DEFAULT-VALUE}).")
    double alpha;

    @Override
    public Integer call() throws Exception {
        Instant until = to != null ? to : Instant.now().plus(Duration.ofDays(1));
        Instant since = from != null ? from : Instant.now().minus(Duration.ofDays(90));
        Map<String, Object> params = Map.of("from", CLICKHOUSE_TIME.format(since), "to", CLICKHOUSE_TIME.format(until),
                "alpha", alpha);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        PrintWriter out = spec.commandLine().getOut();
        try {
            return report(http, out, params, since, until);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }

    private int report(HttpClient http, PrintWriter out, Map<String, Object> params, Instant since, Instant until)
            throws Exception {
        String byTier = query(http, Cookbook.bind(Cookbook.sql("q4a_offer_funnel_by_tier"), params));
        String byVariant = query(http, Cookbook.bind(Cookbook.sql("q4b_offer_ab_test"), params));
        out.println("Offers decided " + since + " .. " + until);
        out.println();
        out.println("Funnel by owner tier (sent -> delivered -> opened -> booked -> serviced):");
        out.print(byTier);
        out.println();
        out.println("A/B experiments (control = the variant that sorts first; significant when p < " + alpha + "):");
        out.print(byVariant);
        out.flush();
        return 0;
    }

    private String query(HttpClient http, String sql) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("X-ClickHouse-User", user)
                .POST(HttpRequest.BodyPublishers.ofString(sql + "\nFORMAT PrettyCompactMonoBlock", StandardCharsets.UTF_8));
        String password = System.getenv(passwordEnv);
        if (password != null) {
            request.header("X-ClickHouse-Key", password);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach ClickHouse at " + url + " (" + e
                    + "); pass --clickhouse-url, e.g. the one ./pitwall run prints", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body().strip());
        }
        return response.body().isBlank() ? "(no offers in this period)\n" : response.body();
    }
}
