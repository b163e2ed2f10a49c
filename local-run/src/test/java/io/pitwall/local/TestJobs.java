package io.pitwall.local;

import io.pitwall.jobs.PitwallJob;
import io.pitwall.jobs.config.JobConfig;
import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.KafkaBroker;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;


/** Starts the production job on the test's MiniCluster against real Kafka and ClickHouse. */
final class TestJobs {

    private TestJobs() {
    }

    /** The job as {@code main} configures it, with 1 s checkpoints and no restarts (a failure fails the test). */
    static JobClient start(KafkaBroker kafka, ClickHouseServer clickHouse, String name) throws Exception {
        JobConfig config = LocalStack.jobConfig(kafka, clickHouse, 1_000);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        PitwallJob.configure(env, config);
        return env.executeAsync(name);
    }
}
