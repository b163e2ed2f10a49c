package io.pitwall.localservices.junit;

import io.pitwall.localservices.ClickHouseServer;

/**
 * Gives a test class its own real ClickHouse server, injected as a {@link ClickHouseServer}
 * parameter into constructors, lifecycle methods and tests. Register it with
 * {@code @ExtendWith(RealClickHouseExtension.class)} or {@code @RegisterExtension static}.
 */
public final class RealClickHouseExtension extends ServerExtension<ClickHouseServer> {

    public RealClickHouseExtension() {
        super(ClickHouseServer.class, "clickhouse", ClickHouseServer::start);
    }
}
