package io.pitwall.sink.clickhouse.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * Turns one element into the bytes of one or more rows in the sink's format. Implementations are
 * shipped to the task managers, so they are serializable and hold no connections.
 */
public interface RowEncoder<T> extends Serializable {

    /** Writes the element's rows to {@code out}; returns how many rows it wrote. */
    int encode(T element, OutputStream out) throws IOException;

    /**
     * The table columns the rows fill, in the order they are written. Naming them keeps the
     * encoder valid when a later migration appends columns with defaults.
     */
    java.util.List<String> columns();
}
