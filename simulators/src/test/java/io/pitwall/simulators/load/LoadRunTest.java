package io.pitwall.simulators.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LoadRunTest {

    @Test
    void connectionsOnSeveralEventLoopsNeverSendMoreThanTheMessageLimitTogether() throws Exception {
        LoadRun run = new LoadRun(new LoadOptions("127.0.0.1", 1883, 4, 0, List.of(), 0, 1, 10, Duration.ofSeconds(5), 1_000, 1,
                "v1/vehicles/{vin}/telemetry", "{vin}", "{vin}", null, 3, 60, Duration.ofSeconds(5)), null);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        if (run.countPublish()) {
                            granted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted.get()).isEqualTo(1_000);
        assertThat(run.published.get()).isEqualTo(1_000);
        assertThat(run.limitReached()).isTrue();
    }

    @Test
    void theWarmUpIsLeftOutOfTheCountsTheLatenciesAndTheMessageLimit() {
        LoadRun run = new LoadRun(new LoadOptions("127.0.0.1", 1883, 1, 0, List.of(), 0, 1, 10, Duration.ofSeconds(5), 3, 1,
                "v1/vehicles/{vin}/telemetry", "{vin}", "{vin}", null, 3, 60, Duration.ofSeconds(5))
                .withWarmup(Duration.ofSeconds(1)), null);
        assertThat(run.countPublish()).isTrue();
        assertThat(run.countPublish()).isTrue();
        run.acknowledged(System.nanoTime() - 5_000_000_000L);
        run.errors.incrementAndGet();

        run.startMeasuring();

        assertThat(run.latencyMicros.getTotalCount()).isZero();
        assertThat(run.limitReached()).isFalse();
        assertThat(run.countPublish()).isTrue();
        assertThat(run.countPublish()).isTrue();
        assertThat(run.countPublish()).isTrue();
        assertThat(run.countPublish()).as("three measured publishes are the limit").isFalse();
        assertThat(run.published.get() - run.publishedBeforeMeasuring).isEqualTo(3);
        assertThat(run.acknowledged.get() - run.acknowledgedBeforeMeasuring).isZero();
        assertThat(run.errors.get() - run.errorsBeforeMeasuring).isZero();
    }
}
