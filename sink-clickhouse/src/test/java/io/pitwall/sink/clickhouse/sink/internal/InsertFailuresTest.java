package io.pitwall.sink.clickhouse.sink.internal;

import com.clickhouse.client.api.ServerException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;

import static io.pitwall.sink.clickhouse.sink.internal.InsertFailures.Kind.CORRUPT_ROWS;
import static io.pitwall.sink.clickhouse.sink.internal.InsertFailures.Kind.FATAL;
import static io.pitwall.sink.clickhouse.sink.internal.InsertFailures.Kind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

class InsertFailuresTest {

    @Test
    void unparseableDataIsCorruptRows() {
        assertThat(InsertFailures.classify(wrapped(server(33, "Cannot read all data")))).isEqualTo(CORRUPT_ROWS);
        assertThat(InsertFailures.classify(wrapped(server(131, "Too large string size")))).isEqualTo(CORRUPT_ROWS);
        assertThat(InsertFailures.serverCode(wrapped(server(33, "x")))).isEqualTo(33);
        // ClickHouse 18.16 sends no code header: the code is read from the message.
        assertThat(InsertFailures.classify(wrapped(server(ServerException.CODE_UNKNOWN,
                "Code: 33, e.displayText() = DB::Exception: Cannot read all data.")))).isEqualTo(CORRUPT_ROWS);
    }

    @Test
    void overloadAndUnreachableServersAreTransient() {
        assertThat(InsertFailures.classify(wrapped(server(252, "Too many parts")))).isEqualTo(TRANSIENT);
        assertThat(InsertFailures.classify(wrapped(new ConnectException("Connection refused")))).isEqualTo(TRANSIENT);
    }

    @Test
    void aMissingTableOrBadSqlIsFatal() {
        assertThat(InsertFailures.classify(wrapped(server(60, "Table pitwall.nope doesn't exist")))).isEqualTo(FATAL);
        assertThat(InsertFailures.classify(wrapped(server(62, "Syntax error")))).isEqualTo(FATAL);
        assertThat(InsertFailures.classify(new IllegalStateException("bug"))).isEqualTo(FATAL);
        assertThat(InsertFailures.serverCode(new IllegalStateException("bug"))).isZero();
    }

    private static ServerException server(int code, String message) {
        return new ServerException(code, message, 500, "q");
    }

    private static IOException wrapped(Exception cause) {
        return new IOException(cause.getMessage(), cause);
    }
}
