package io.pitwall.localservices;

/** No ClickHouse server binary on this machine; the message says how to install one. */
public final class ClickHouseNotInstalledException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    static final String HOW_TO_INSTALL = "ClickHouse server not found at /usr/sbin/clickhouse-server"
            + " (or on PATH as clickhouse-server / clickhouse)."
            + " Install it with: sudo apt-get update && sudo apt-get install -y clickhouse-server clickhouse-client";

    ClickHouseNotInstalledException(String detail) {
        super(detail == null ? HOW_TO_INSTALL : HOW_TO_INSTALL + " " + detail);
    }
}
