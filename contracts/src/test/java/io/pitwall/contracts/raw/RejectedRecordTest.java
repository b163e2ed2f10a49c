package io.pitwall.contracts.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.RejectReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RejectedRecordTest {

    @Test
    void keepsASmallPayloadWhole() {
        byte[] payload = {1, 2, 3, (byte) 0xff};
        RejectedRecord record = RejectedRecord.of("k", "c", "gw", 1L, "t", RejectReason.MALFORMED_PAYLOAD, "bad", payload);
        assertThat(record.payload()).isEqualTo(payload);
        assertThat(record.payloadTruncated()).isFalse();
    }

    @Test
    void cutsAPayloadAfter64KiB() {
        byte[] payload = new byte[RejectedRecord.MAX_PAYLOAD_BYTES + 1];
        Arrays.fill(payload, (byte) 'x');
        RejectedRecord record = RejectedRecord.of("k", "c", "gw", 1L, "t", RejectReason.PAYLOAD_TOO_LARGE, "big", payload);
        assertThat(record.payload()).hasSize(65536);
        assertThat(record.payloadTruncated()).isTrue();
    }

    @Test
    void takesReasonCodeAndMessageFromTheViolation() {
        ContractViolation violation = new ContractViolation(RejectReason.VIN_MISMATCH, "vin is \"X\" but the topic belongs to Y");
        RejectedRecord record = RejectedRecord.of("Y", "Y", "gw", 1L, "v1/vehicles/Y/telemetry", violation, new byte[0]);
        assertThat(record.reason()).isEqualTo("vin-mismatch");
        assertThat(record.message()).isEqualTo(violation.getMessage());
        assertThat(record.schemaVersion()).isEqualTo(1);
    }
}
