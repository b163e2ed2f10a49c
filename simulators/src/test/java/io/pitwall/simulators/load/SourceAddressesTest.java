package io.pitwall.simulators.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceAddressesTest {

    @Test
    void rangesExpandWithinTheLastOctet() {
        assertThat(SourceAddresses.parse(List.of("127.0.0.5-8"))).containsExactly("127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.8");
        assertThat(SourceAddresses.parse(List.of("127.0.0.1", "127.0.1.9-127.0.1.10", "::1")))
                .containsExactly("127.0.0.1", "127.0.1.9", "127.0.1.10", "::1");
        assertThat(SourceAddresses.loopback(3)).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    }

    @Test
    void aRangeAcrossSubnetsOrBackwardsIsRefused() {
        assertThatThrownBy(() -> SourceAddresses.parse(List.of("127.0.0.8-5"))).hasMessageContaining("upwards");
        assertThatThrownBy(() -> SourceAddresses.parse(List.of("127.0.0.250-300"))).hasMessageContaining("0-255");
        assertThatThrownBy(() -> SourceAddresses.parse(List.of("127.0.0.1-127.0.1.4"))).hasMessageContaining("one /24");
    }

    @Test
    void moreConnectionsThanTheOpenFileLimitAreRefusedWithTheWayOut() {
        assertThat(FileDescriptorBudget.problem(19_000, 100, 20_000)).isEmpty();
        assertThat(FileDescriptorBudget.problem(28_000, 100, 20_000)).hasValueSatisfying(p -> assertThat(p)
                .contains("28000 connections").contains("open-file limit 20000").contains("--first-vehicle").contains("--source"));
        assertThat(FileDescriptorBudget.problem(28_000, 100, -1)).as("limit unknown").isEmpty();
    }
}
