package io.pitwall.sink.clickhouse.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads RowBinary values back, so encoder tests can state the bytes they expect column by column. */
public final class RowBinaryReader {

    private final ByteBuffer b;

    public RowBinaryReader(byte[] bytes) {
        this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public long varInt() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = b.get();
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
    }

    public String string() {
        byte[] bytes = new byte[(int) varInt()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public List<String> strings() {
        int n = (int) varInt();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(string());
        }
        return values;
    }

    public long uint64() {
        return b.getLong();
    }

    public long uint32() {
        return Integer.toUnsignedLong(b.getInt());
    }

    public int uint16() {
        return Short.toUnsignedInt(b.getShort());
    }

    public double float64() {
        return b.getDouble();
    }

    /** True when the next Nullable value is NULL (consumes the null flag). */
    public boolean isNull() {
        return b.get() == 1;
    }

    public Float nullableFloat32() {
        return isNull() ? null : b.getFloat();
    }

    public Double nullableFloat64() {
        return isNull() ? null : b.getDouble();
    }

    public Long nullableUInt64() {
        return isNull() ? null : b.getLong();
    }

    public Integer nullableUInt16() {
        return isNull() ? null : uint16();
    }

    public boolean atEnd() {
        return !b.hasRemaining();
    }
}
