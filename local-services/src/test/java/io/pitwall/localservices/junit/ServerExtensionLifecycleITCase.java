package io.pitwall.localservices.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.KafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs fixture classes on a nested JUnit launcher and checks what the extensions left behind. */
class ServerExtensionLifecycleITCase {

    private static volatile boolean launchedOnPurpose;

    static boolean launchedOnPurpose() {
        return launchedOnPurpose;
    }

    @Test
    void serversAreStoppedAfterTheClassEvenWhenATestFails() throws Exception {
        TestExecutionSummary summary = run(FailingFixture.class);

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException()).hasMessage("failing on purpose");
        assertStopped(FailingFixture.kafka.pid(), FailingFixture.kafka.isRunning());
        assertStopped(FailingFixture.clickHouse.pid(), FailingFixture.clickHouse.isRunning());
    }

    @Test
    void perClassInstanceGetsServersThroughItsConstructor() throws Exception {
        TestExecutionSummary summary = run(PerClassFixture.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTotalFailureCount()).isZero();
        assertStopped(PerClassFixture.kafka.pid(), PerClassFixture.kafka.isRunning());
    }

    private static TestExecutionSummary run(Class<?> fixture) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launchedOnPurpose = true;
        try {
            LauncherFactory.create().execute(request().selectors(selectClass(fixture)).build(), listener);
        } finally {
            launchedOnPurpose = false;
        }
        return listener.getSummary();
    }

    private static void assertStopped(long pid, boolean running) throws InterruptedException {
        assertThat(running).isFalse();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(pid).isPresent() && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(pid)).as("process %d", pid).isEmpty();
    }

    @RealServices
    @EnabledIf("io.pitwall.localservices.junit.ServerExtensionLifecycleITCase#launchedOnPurpose")
    static class FailingFixture {

        static KafkaBroker kafka;
        static ClickHouseServer clickHouse;

        @Test
        void fails(KafkaBroker kafka, ClickHouseServer clickHouse) {
            FailingFixture.kafka = kafka;
            FailingFixture.clickHouse = clickHouse;
            fail("failing on purpose");
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @EnabledIf("io.pitwall.localservices.junit.ServerExtensionLifecycleITCase#launchedOnPurpose")
    static class PerClassFixture {

        @RegisterExtension
        static final RealKafkaExtension KAFKA = new RealKafkaExtension();

        static KafkaBroker kafka;

        PerClassFixture(KafkaBroker kafka) {
            PerClassFixture.kafka = kafka;
        }

        @Test
        void brokerRunsDuringTheTest() {
            assertThat(kafka.isRunning()).isTrue();
        }
    }
}
