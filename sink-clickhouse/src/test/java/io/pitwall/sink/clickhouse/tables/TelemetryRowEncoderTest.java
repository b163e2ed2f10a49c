package io.pitwall.sink.clickhouse.tables;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryRowEncoderTest {

    private final TelemetryRowEncoder encoder = new TelemetryRowEncoder();

    @Test
    void namesOneColumnPerValueItWrites() {
        assertThat(encoder.columns()).startsWith("vin", "seq", "ts", "ts_ms", "received_at_ms", "gateway_id")
                .endsWith("other_signal_names", "other_signal_values")
                .hasSize(6 + TelemetryColumns.SIGNAL_COLUMNS.size() + 2)
                .doesNotHaveDuplicates();
    }

    @Test
    void writesRowBinaryWithNullsForMissingSignalsAndArraysForUnknownOnes() throws Exception {
        Map<String, Double> signals = new LinkedHashMap<>();
        signals.put("Vehicle.Speed", 63.5);
        signals.put("Vehicle.Custom.X", 2.0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rows = encoder.encode(new TelemetryRow("LSVAU2180N2183294", -1L, 1_763_942_400_123L, 1_763_942_400_200L,
                "gw", signals), out);
        assertThat(rows).isEqualTo(1);

        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.get()).isEqualTo((byte) 17);
        b.position(b.position() + 17);
        assertThat(b.getLong()).as("seq is uint64: all bits kept").isEqualTo(-1L);
        assertThat(Integer.toUnsignedLong(b.getInt())).isEqualTo(1_763_942_400L);
        assertThat(b.getLong()).isEqualTo(1_763_942_400_123L);
        assertThat(b.getLong()).isEqualTo(1_763_942_400_200L);
        assertThat(b.get()).isEqualTo((byte) 2);
        b.position(b.position() + 2);
        assertThat(b.get()).as("speed present").isEqualTo((byte) 0);
        assertThat(b.getFloat()).isEqualTo(63.5f);
        for (int i = 1; i < TelemetryColumns.SIGNAL_COLUMNS.size(); i++) {
            assertThat(b.get()).as("column %d is null", i).isEqualTo((byte) 1);
        }
        assertThat(b.get()).as("one other name").isEqualTo((byte) 1);
        byte[] name = new byte[b.get()];
        b.get(name);
        assertThat(new String(name)).isEqualTo("Vehicle.Custom.X");
        assertThat(b.get()).isEqualTo((byte) 1);
        assertThat(b.getDouble()).isEqualTo(2.0);
        assertThat(b.hasRemaining()).isFalse();
    }
}
