package io.pitwall.localservices.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class both a real Kafka broker and a real ClickHouse server, injected
 * as {@link io.pitwall.localservices.KafkaBroker} and {@link io.pitwall.localservices.ClickHouseServer}
 * parameters.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith({RealKafkaExtension.class, RealClickHouseExtension.class})
public @interface RealServices {
}
