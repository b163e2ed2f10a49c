/**
 * JUnit 5 extensions that give a test class its own real Kafka broker and ClickHouse server:
 * {@link io.pitwall.localservices.junit.RealKafkaExtension},
 * {@link io.pitwall.localservices.junit.RealClickHouseExtension}, or both at once with
 * {@link io.pitwall.localservices.junit.RealServices}.
 */
package io.pitwall.localservices.junit;
