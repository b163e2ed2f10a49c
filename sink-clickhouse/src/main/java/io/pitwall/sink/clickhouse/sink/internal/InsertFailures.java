package io.pitwall.sink.clickhouse.sink.internal;

import com.clickhouse.client.api.ServerException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Sorts INSERT failures into those worth retrying (the server is restarting, overloaded or out of
 * reach) and those that will fail again however often they are sent (bad SQL, missing table,
 * rows the server cannot parse).
 */
final class InsertFailures {

    /** Server error codes that clear up by themselves: overload, timeouts, read-only replicas. */
    private static final Set<Integer> TRANSIENT_SERVER_CODES = Set.of(
            159, // TIMEOUT_EXCEEDED
            164, // READONLY
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY
            252, // TOO_MANY_PARTS
            285, // TOO_FEW_LIVE_REPLICAS
            319, // UNKNOWN_STATUS_OF_INSERT
            425  // SYSTEM_ERROR
    );

    private InsertFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return server.isRetryable() || TRANSIENT_SERVER_CODES.contains(server.getCode());
            }
            if (t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException
                    || t instanceof org.apache.hc.core5.http.NoHttpResponseException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null
                    && t.getMessage().toLowerCase().contains("connection")) {
                return true;
            }
        }
        return false;
    }
}
