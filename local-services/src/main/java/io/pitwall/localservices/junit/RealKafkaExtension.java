package io.pitwall.localservices.junit;

import io.pitwall.localservices.KafkaBroker;

/**
 * Gives a test class its own real Kafka broker, injected as a {@link KafkaBroker} parameter into
 * constructors, lifecycle methods and tests. Register it with
 * {@code @ExtendWith(RealKafkaExtension.class)} or {@code @RegisterExtension static}.
 */
public final class RealKafkaExtension extends ServerExtension<KafkaBroker> {

    public RealKafkaExtension() {
        super(KafkaBroker.class, "kafka", KafkaBroker::start);
    }
}
