package io.pitwall.contracts.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.RejectReason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions that a decoder refused input the way the contract promises: one reason, one readable sentence. */
public final class Violations {

    private Violations() {
    }

    public static ContractViolation refused(ThrowingCallable call, RejectReason reason) {
        return refused(call, reason.code());
    }

    public static ContractViolation refused(ThrowingCallable call, String reasonCode) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a ContractViolation with reason %s", reasonCode).isInstanceOf(ContractViolation.class);
        ContractViolation violation = (ContractViolation) thrown;
        assertThat(violation.reason().code()).as("reason for: %s", violation.getMessage()).isEqualTo(reasonCode);
        assertReadable(violation);
        return violation;
    }

    /** One line a person can read on a dashboard: no Java class names, no stack-trace noise, not a wall of text. */
    public static void assertReadable(ContractViolation violation) {
        assertThat(violation.getMessage())
                .isNotBlank()
                .doesNotContain("\n")
                .doesNotContain("com.fasterxml")
                .doesNotContain("Exception")
                .doesNotContain("REDACTED")
                .hasSizeLessThan(600);
    }
}
