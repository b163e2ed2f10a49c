package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.pitwall.contracts.notices.Action;
import io.pitwall.contracts.notices.Notice;
import io.pitwall.contracts.notices.NoticeKind;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.telemetry.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void leavesNullFieldsOut() {
        Notice notice = new Notice("n-1", NoticeKind.ALERT, Severity.WARNING, "Coolant hot", "Stop safely.", null, null);
        assertThat(Json.writeString(notice))
                .isEqualTo("{\"noticeId\":\"n-1\",\"kind\":\"ALERT\",\"severity\":\"WARNING\",\"title\":\"Coolant hot\",\"body\":\"Stop safely.\"}");
    }

    @Test
    void readsBackWhatItWrote() {
        Notice notice = new Notice("n-2", NoticeKind.OFFER, Severity.INFO, "t", "b",
                List.of(new Action("Book a visit", "https://book.example/x")), 1764547200000L);
        assertThat(Json.read(Json.write(notice), Notice.class)).isEqualTo(notice);
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoOlderConsumersKeepWorking() {
        byte[] newer = "{\"label\":\"Book\",\"url\":\"https://b\",\"icon\":\"calendar\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Json.read(newer, Action.class)).isEqualTo(new Action("Book", "https://b"));
    }

    @Test
    void writesCborWithTheSameStructure() throws Exception {
        Sample sample = new Sample(-1L, 1763942400123L, Map.of("Vehicle.Speed", 63.5));
        var tree = new CBORMapper().readTree(Json.writeCbor(sample));
        assertThat(tree.get("seq").bigIntegerValue()).isEqualTo(Uint64.MAX_VALUE);
        assertThat(tree.get("signals").get("Vehicle.Speed").doubleValue()).isEqualTo(63.5);
    }

    @Test
    void writesUint64SeqAsUnsignedDecimal() {
        Sample sample = new Sample(-1L, 1L, Map.of("a", 1.0));
        assertThat(Json.writeString(sample)).contains("\"seq\":18446744073709551615");
        assertThat(Json.read(Json.write(sample), Sample.class).seq()).isEqualTo(-1L);
    }

    @Test
    void refusesNegativeSeqWhenReadingRecords() {
        byte[] json = "{\"seq\":-3,\"ts\":1,\"signals\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(json, Sample.class))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.reason()).isEqualTo(RejectReason.INVALID_SEQ));
    }

    @Test
    void refusesSeqAboveUint64WhenReadingRecords() {
        byte[] json = "{\"seq\":18446744073709551616,\"ts\":1,\"signals\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(json, Sample.class))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.reason()).isEqualTo(RejectReason.INVALID_SEQ));
    }

    @Test
    void reportsUnreadableJsonAsMalformed() {
        assertThatThrownBy(() -> Json.read("{\"label\":".getBytes(StandardCharsets.UTF_8), Action.class))
                .isInstanceOfSatisfying(ContractViolation.class, v -> {
                    assertThat(v.reason()).isEqualTo(RejectReason.MALFORMED_PAYLOAD);
                    assertThat(v.getMessage()).startsWith("payload is not a valid Action");
                });
    }
}
