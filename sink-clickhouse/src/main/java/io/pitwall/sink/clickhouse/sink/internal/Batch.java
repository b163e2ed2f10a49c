package io.pitwall.sink.clickhouse.sink.internal;

import java.util.Arrays;

/**
 * The encoded rows of one INSERT and where each element's rows begin, so that a batch the server
 * refuses can be split at element boundaries.
 */
final class Batch {

    private final byte[] bytes;
    private final int[] offsets;
    private final int[] rowsBefore;
    private final int elements;

    /**
     * @param offsets    {@code offsets[i]} is where element i starts; {@code offsets[elements]} is the length
     * @param rowsBefore {@code rowsBefore[i]} is how many rows the elements before i wrote
     */
    Batch(byte[] bytes, int[] offsets, int[] rowsBefore, int elements) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.rowsBefore = rowsBefore;
        this.elements = elements;
    }

    int elements() {
        return elements;
    }

    byte[] bytes() {
        return bytes;
    }

    int offset(int element) {
        return offsets[element];
    }

    int rows(int fromElement, int toElement) {
        return rowsBefore[toElement] - rowsBefore[fromElement];
    }

    int totalRows() {
        return rows(0, elements);
    }

    int totalBytes() {
        return offsets[elements];
    }

    byte[] elementBytes(int element) {
        return Arrays.copyOfRange(bytes, offsets[element], offsets[element + 1]);
    }
}
