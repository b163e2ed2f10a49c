/**
 * Real Kafka and ClickHouse servers run as child processes on free loopback ports, for
 * integration tests and the local "run everything" command.
 *
 * <p>{@link io.pitwall.localservices.KafkaBroker} and {@link io.pitwall.localservices.ClickHouseServer}
 * are the public entry points; every server runs under a watchdog that takes it down when this
 * JVM goes away, however it goes.
 */
package io.pitwall.localservices;
