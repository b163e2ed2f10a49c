package io.pitwall.sink.clickhouse.sink.internal;

import java.io.ByteArrayOutputStream;

/** A byte buffer whose array can be sent without the copy {@code toByteArray()} makes. */
final class ExposedByteArrayOutputStream extends ByteArrayOutputStream {

    ExposedByteArrayOutputStream(int initialSize) {
        super(initialSize);
    }

    byte[] array() {
        return buf;
    }
}
