package io.pitwall.contracts.owners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnerProfileTest {

    @Test
    void onlyExplicitConsentCountsAsConsent() {
        OwnerProfile owner = profile(Map.of(Channel.WECOM, true, Channel.APP, false));
        assertThat(owner.hasMarketingConsent(Channel.WECOM)).isTrue();
        assertThat(owner.hasMarketingConsent(Channel.APP)).isFalse();
        assertThat(owner.hasMarketingConsent(Channel.WEBHOOK)).isFalse();
    }

    @Test
    void noConsentMapMeansNoConsent() {
        assertThat(profile(null).hasMarketingConsent(Channel.HEAD_UNIT)).isFalse();
    }

    private static OwnerProfile profile(Map<Channel, Boolean> consent) {
        return new OwnerProfile(OwnerProfile.SCHEMA_VERSION, "o-1", List.of("LSVAU2180N2183294"), 12000, 2, null, null,
                consent, "Asia/Shanghai", "zh-CN", null, null, null, 1L);
    }
}
