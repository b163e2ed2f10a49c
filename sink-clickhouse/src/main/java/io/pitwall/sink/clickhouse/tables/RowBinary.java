package io.pitwall.sink.clickhouse.tables;

import io.pitwall.sink.clickhouse.sink.RowBuffer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collection;

/**
 * The RowBinary value encodings the table encoders share, in the shapes Pitwall's columns use:
 * epoch milliseconds as a {@code DateTime} plus a {@code UInt64}, absent text as the empty string,
 * absent numbers as {@code NULL}. Writing into the sink's {@link RowBuffer} takes a fast path;
 * any other stream gets the same bytes one by one.
 */
final class RowBinary {

    private static final int NOT_NULL = 0;
    private static final int NULL = 1;

    private RowBinary() {
    }

    static void byte8(OutputStream out, int value) throws IOException {
        out.write(value);
    }

    static void int16(OutputStream out, int value) throws IOException {
        if (out instanceof RowBuffer b) {
            b.writeInt16(value);
        } else {
            out.write(value);
            out.write(value >>> 8);
        }
    }

    static void int32(OutputStream out, int value) throws IOException {
        if (out instanceof RowBuffer b) {
            b.writeInt32(value);
        } else {
            for (int i = 0; i < 4; i++) {
                out.write(value >>> (8 * i));
            }
        }
    }

    static void int64(OutputStream out, long value) throws IOException {
        if (out instanceof RowBuffer b) {
            b.writeInt64(value);
        } else {
            for (int i = 0; i < 8; i++) {
                out.write((int) (value >>> (8 * i)));
            }
        }
    }

    static void varInt(OutputStream out, long value) throws IOException {
        if (out instanceof RowBuffer b) {
            b.writeVarInt(value);
        } else {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }

    static void float32(OutputStream out, float value) throws IOException {
        int32(out, Float.floatToRawIntBits(value));
    }

    static void float64(OutputStream out, double value) throws IOException {
        int64(out, Double.doubleToRawLongBits(value));
    }

    /** A String column; null is written as the empty string (the columns are not Nullable). */
    static void string(OutputStream out, String value) throws IOException {
        if (value == null || value.isEmpty()) {
            out.write(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        varInt(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    /** An enum-valued String column: the constant's name, or the empty string. */
    static void name(OutputStream out, Enum<?> value) throws IOException {
        string(out, value == null ? null : value.name());
    }

    /** The {@code DateTime} (whole seconds) and {@code UInt64} (milliseconds) pair of one instant. */
    static void timeAndMillis(OutputStream out, long epochMillis) throws IOException {
        dateTime(out, epochMillis);
        int64(out, epochMillis);
    }

    static void dateTime(OutputStream out, long epochMillis) throws IOException {
        int32(out, (int) Math.floorDiv(epochMillis, 1000));
    }

    static void uint64(OutputStream out, long value) throws IOException {
        int64(out, value);
    }

    static void uint16(OutputStream out, int value) throws IOException {
        int16(out, value);
    }

    static void nullableUInt64(OutputStream out, Long value) throws IOException {
        if (value == null) {
            out.write(NULL);
        } else {
            out.write(NOT_NULL);
            int64(out, value);
        }
    }

    static void nullableFloat32(OutputStream out, Double value) throws IOException {
        if (value == null) {
            out.write(NULL);
        } else {
            out.write(NOT_NULL);
            float32(out, value.floatValue());
        }
    }

    static void nullableFloat64(OutputStream out, Double value) throws IOException {
        if (value == null) {
            out.write(NULL);
        } else {
            out.write(NOT_NULL);
            float64(out, value);
        }
    }

    /** A {@code Nullable(Date)} from an ISO date (yyyy-MM-dd); null or blank is NULL. */
    static void nullableDate(OutputStream out, String isoDate) throws IOException {
        if (isoDate == null || isoDate.isBlank()) {
            out.write(NULL);
        } else {
            out.write(NOT_NULL);
            int16(out, (int) LocalDate.parse(isoDate).toEpochDay());
        }
    }

    static void stringArray(OutputStream out, Collection<String> values) throws IOException {
        varInt(out, values.size());
        for (String value : values) {
            string(out, value);
        }
    }
}
