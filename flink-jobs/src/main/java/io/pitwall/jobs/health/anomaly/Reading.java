package io.pitwall.jobs.health.anomaly;

/** The value a rule watches in one sample, and which signal it came from (for the evidence). */
public record Reading(String signal, double value) {
}
