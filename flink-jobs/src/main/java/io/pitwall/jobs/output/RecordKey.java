package io.pitwall.jobs.output;

import java.io.Serializable;
import java.util.function.Function;

/** Picks the Kafka key of a record (its VIN or owner id); serializable so Flink can ship it. */
@FunctionalInterface
public interface RecordKey<T> extends Function<T, String>, Serializable {
}
