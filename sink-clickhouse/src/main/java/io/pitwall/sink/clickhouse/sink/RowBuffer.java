package io.pitwall.sink.clickhouse.sink;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The growable, unsynchronised byte buffer a {@link ClickHouseSink} encodes rows into, with
 * little-endian writers for the fixed-width RowBinary types. Encoders that see this type write
 * numbers straight into the array; {@link java.io.ByteArrayOutputStream} would take a lock and,
 * through the client library's helpers, allocate an array per value. Single-threaded.
 */
public final class RowBuffer extends OutputStream {

    private byte[] buf;
    private int size;

    public RowBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** The backing array; valid up to {@link #size()}. */
    public byte[] array() {
        return buf;
    }

    /** Empties the buffer, keeping its capacity for the next batch. */
    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length << 1, size + more));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    public void writeInt16(int v) {
        ensure(2);
        buf[size] = (byte) v;
        buf[size + 1] = (byte) (v >>> 8);
        size += 2;
    }

    public void writeInt32(int v) {
        ensure(4);
        byte[] b = buf;
        int p = size;
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
        size = p + 4;
    }

    public void writeInt64(long v) {
        ensure(8);
        byte[] b = buf;
        int p = size;
        for (int i = 0; i < 8; i++) {
            b[p + i] = (byte) (v >>> (8 * i));
        }
        size = p + 8;
    }

    public void writeVarInt(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }
}
