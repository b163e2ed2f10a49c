package io.pitwall.contracts.alerts;

/** How urgent an alert or notice is. CRITICAL means safety: it reaches the head unit regardless of marketing consent. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
