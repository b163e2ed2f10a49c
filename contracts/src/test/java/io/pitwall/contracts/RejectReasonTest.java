package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RejectReasonTest {

    @ParameterizedTest
    @EnumSource(RejectReason.class)
    void codeIsLowerKebabOfTheName(RejectReason reason) {
        assertThat(reason.code()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(reason.code()).isEqualTo(reason.name().toLowerCase().replace('_', '-'));
    }

    @ParameterizedTest
    @EnumSource(RejectReason.class)
    void codeReadsBackToTheReason(RejectReason reason) {
        assertThat(RejectReason.fromCode(reason.code())).contains(reason);
    }

    @Test
    void codesAreUnique() {
        assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::code)).doesNotHaveDuplicates();
    }

    @Test
    void unknownCodeReadsAsEmpty() {
        assertThat(RejectReason.fromCode("no-such-reason")).isEmpty();
    }
}
