package io.pitwall.sink.clickhouse.sink.internal;

import com.clickhouse.client.api.ServerException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts INSERT failures by what to do about them: retry what clears up by itself (the server is
 * restarting, overloaded or out of reach), isolate the rows when the server could not parse the
 * data, and fail on everything else (bad SQL, missing table, no permission), which no retry fixes.
 */
final class InsertFailures {

    enum Kind { TRANSIENT, CORRUPT_ROWS, FATAL }

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

    /** Server error codes that mean "these bytes are not valid rows": some rows of the batch are bad. */
    private static final Set<Integer> CORRUPT_DATA_CODES = Set.of(
            6,   // CANNOT_PARSE_TEXT
            26,  // CANNOT_PARSE_QUOTED_STRING
            27,  // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            32,  // ATTEMPT_TO_READ_AFTER_EOF
            33,  // CANNOT_READ_ALL_DATA
            38,  // CANNOT_PARSE_DATE
            41,  // CANNOT_PARSE_DATETIME
            69,  // ARGUMENT_OUT_OF_BOUND
            70,  // CANNOT_CONVERT_TYPE
            72,  // CANNOT_PARSE_NUMBER
            117, // INCORRECT_DATA
            130, // CANNOT_READ_ARRAY_FROM_TEXT
            131, // TOO_LARGE_STRING_SIZE
            190, // SIZES_OF_ARRAYS_DOESNT_MATCH
            691  // UNKNOWN_ELEMENT_OF_ENUM (current servers)
    );

    /** ClickHouse 18.16 sends no exception-code header, so client-v2 leaves the code unknown; the body has it. */
    private static final Pattern CODE_IN_MESSAGE = Pattern.compile("Code: (\\d+)");

    private InsertFailures() {
    }

    private static int code(ServerException server) {
        if (server.getCode() > 0) {
            return server.getCode();
        }
        Matcher m = CODE_IN_MESSAGE.matcher(String.valueOf(server.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : server.getCode();
    }

    static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                int code = code(server);
                if (CORRUPT_DATA_CODES.contains(code)) {
                    return Kind.CORRUPT_ROWS;
                }
                return server.isRetryable() || TRANSIENT_SERVER_CODES.contains(code) ? Kind.TRANSIENT : Kind.FATAL;
            }
            if (t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException
                    || t instanceof org.apache.hc.core5.http.NoHttpResponseException) {
                return Kind.TRANSIENT;
            }
            if (t instanceof IOException && t.getMessage() != null
                    && t.getMessage().toLowerCase().contains("connection")) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.FATAL;
    }

    static boolean isTransient(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    /** The server's error code, or 0 when the failure did not come from the server. */
    static int serverCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return code(server);
            }
        }
        return 0;
    }
}
