package io.pitwall.gateway.session;

import io.pitwall.gateway.mqtt.GatewayCounters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every drop is counted by reason; the log gets the first one at once and then one summary per interval. */
class DropLogTest {

    private final GatewayCounters counters = new GatewayCounters();
    private final List<String> lines = new ArrayList<>();
    private final DropLog log = new DropLog("client-1", 100, counters, lines::add);

    @Test
    void logsTheFirstDropAtOnceNamingTheLimitToRaise() {
        log.dropped(DropLog.Reason.QUEUE_FULL, 1_000);
        assertThat(counters.get("outbound.dropped.queue-full")).isEqualTo(1);
        assertThat(lines).singleElement().asString()
                .contains("client-1").contains("1 queue-full")
                .contains("--max-queued-messages").contains("PITWALL_MAX_QUEUED_MESSAGES = 100")
                .contains("pitwall_gateway_outbound_dropped_total");
    }

    @Test
    void aFloodOfDropsGivesOneLinePerIntervalWithASummary() {
        for (int i = 0; i < 10_000; i++) {
            log.dropped(DropLog.Reason.QUEUE_FULL, 1_000 + i / 2);
        }
        log.dropped(DropLog.Reason.TOO_LARGE_FOR_CLIENT, 5_000);
        assertThat(counters.get("outbound.dropped.queue-full")).isEqualTo(10_000);
        assertThat(counters.get("outbound.dropped.too-large-for-client")).isEqualTo(1);
        assertThat(lines).hasSize(1);

        log.dropped(DropLog.Reason.QUEUE_FULL, 1_000 + DropLog.INTERVAL_MILLIS);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("Dropped 10001 more messages to client-1 in the last 10 s")
                .contains("10000 queue-full").contains("1 too-large-for-client").contains("raise it in the client");
    }

    @Test
    void dropsAfterTheLastLineAreReportedByTheTimerOnceTheIntervalPassed() {
        log.dropped(DropLog.Reason.TOO_LARGE_FOR_CLIENT, 0);
        log.dropped(DropLog.Reason.TOO_LARGE_FOR_CLIENT, 10);
        log.flush(DropLog.INTERVAL_MILLIS - 1);
        assertThat(lines).hasSize(1);
        log.flush(DropLog.INTERVAL_MILLIS);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("1 too-large-for-client").contains("Maximum Packet Size");
        log.flush(3 * DropLog.INTERVAL_MILLIS);
        assertThat(lines).as("nothing new to report").hasSize(2);
    }

    @Test
    void dropsMqttExpectsAreCountedButNotLogged() {
        log.dropped(DropLog.Reason.QOS0_OFFLINE, 0);
        log.dropped(DropLog.Reason.EXPIRED, 0);
        log.flush(DropLog.INTERVAL_MILLIS * 2);
        assertThat(counters.get("outbound.dropped.qos0-offline")).isEqualTo(1);
        assertThat(counters.get("outbound.dropped.expired")).isEqualTo(1);
        assertThat(lines).isEmpty();
    }
}
