package io.pitwall.offers.render;

import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.Candidates;
import io.pitwall.offers.Owners;
import io.pitwall.offers.catalogue.Candidate;
import io.pitwall.offers.policy.PolicyChain;
import io.pitwall.offers.policy.PolicyDecision;
import io.pitwall.offers.policy.ReasonCode;
import io.pitwall.offers.policy.Treatment;
import io.pitwall.offers.wording.WordingScanner;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfferRendererTest {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");
    private static final WordingScanner SCANNER = WordingScanner.defaults();
    private final OfferRenderer renderer = new OfferRenderer(TemplateSet.defaults(SCANNER), SCANNER, "https://book.pitwall.example/b");

    private static PolicyDecision sent(String recommendation, Tier tier, Treatment treatment, ReasonCode reason) {
        return new PolicyDecision(Decision.SENT, reason, recommendation, Channel.WECOM, tier, Lifecycle.ACTIVE, treatment, null);
    }

    private static PolicyDecision sent(String recommendation, Tier tier) {
        return sent(recommendation, tier, Treatment.STANDARD, ReasonCode.SENT);
    }

    @Test
    void fillsKmDaysAndWorkshopAndBuildsTheOneStepBookingLink() {
        OwnerProfile owner = Owners.owner(NOW).id("OWN-000007").locale("en-US").workshop("Hangzhou Auto Care").build();
        RenderedOffer r = renderer.render("offer-1", sent("BRAKE_SERVICE", Tier.MID), Candidates.brake(), owner);

        assertThat(r.locale()).isEqualTo("en");
        assertThat(r.experiment()).isEqualTo("brake-wording-2026q4");
        assertThat(r.variant()).isEqualTo(AbAssignment.variant("brake-wording-2026q4", java.util.List.of("A", "B"), "OWN-000007"));
        assertThat(r.templateId()).isEqualTo("BRAKE_SERVICE/*/en/" + r.variant());
        assertThat(r.body()).contains("812 km").contains("Hangzhou Auto Care").contains("member service coupon");
        assertThat(r.body()).doesNotContain("{", "}", "[[", "]]");
        assertThat(r.bookingUrl()).isEqualTo("https://book.pitwall.example/b?offer=offer-1");
        assertThat(r.blocked()).isFalse();
    }

    @Test
    void dropsOptionalSegmentsWhoseValuesAreMissing() {
        Candidate noEstimate = new Candidate("BRAKE_SERVICE", "brake-alert", 90, java.time.Duration.ofDays(14), Severity.WARNING,
                Candidates.VIN, "ALERT", "a-1", 1L, Map.of());
        OwnerProfile owner = Owners.owner(NOW).id("OWN-A").locale("en").workshop(null).build();
        RenderedOffer r = renderer.render("offer-2", sent("BRAKE_SERVICE", Tier.MID), noEstimate, owner);
        assertThat(r.body()).doesNotContain("km", "days", "null", "{", "[[");
    }

    @Test
    void aHighTierOfferNamesTheDedicatedAdvisorOrFallsBackToAPhrase() {
        OwnerProfile withAdvisor = Owners.owner(NOW).high().advisor("Li Na").build();
        assertThat(renderer.render("o", sent("TIRE_CHECK", Tier.HIGH), Candidates.brake(), withAdvisor).body())
                .contains("Li Na已为您预留优先工位");
        OwnerProfile without = Owners.owner(NOW).high().locale("en").build();
        assertThat(renderer.render("o", sent("TIRE_CHECK", Tier.HIGH), Candidates.brake(), without).body())
                .contains("Your dedicated service advisor has set aside a priority slot");
    }

    @Test
    void eachTierGetsItsTreatmentLine() {
        OwnerProfile owner = Owners.owner(NOW).build();
        assertThat(renderer.render("o", sent("TIRE_CHECK", Tier.MID), Candidates.brake(), owner).body()).contains("会员专享保养券");
        assertThat(renderer.render("o", sent("TIRE_CHECK", Tier.POTENTIAL), Candidates.brake(), owner).body()).contains("首次预约");
    }

    @Test
    void aDormantOwnerGetsTheReactivationOpening() {
        RenderedOffer r = renderer.render("o", sent("TIRE_CHECK", Tier.MID, Treatment.REACTIVATION, ReasonCode.DORMANT_REACTIVATION),
                Candidates.brake(), Owners.owner(NOW).build());
        assertThat(r.body()).startsWith("好久不见");
    }

    @Test
    void theSurveyAsksWhyWithoutCouponsAndASafetyNoticeHasNoSalesLine() {
        RenderedOffer survey = renderer.render("o", sent(PolicyChain.WIN_BACK_SURVEY, Tier.MID, Treatment.WIN_BACK_SURVEY,
                ReasonCode.LOST_OWNER_SURVEY), Candidates.brake(), Owners.owner(NOW).locale("en").build());
        assertThat(survey.body()).contains("Could you tell us why?").doesNotContain("coupon");
        RenderedOffer safety = renderer.render("o", sent("COOLING_CHECK", Tier.MID, Treatment.SAFETY, ReasonCode.SAFETY_CRITICAL),
                Candidates.alert("COOLING_CHECK", Severity.CRITICAL), Owners.owner(NOW).build());
        assertThat(safety.body()).startsWith("安全提示：").doesNotContain("保养券");
    }

    @Test
    void aWorkshopNameFromTheCrmWithAForbiddenTermBlocksTheOfferAndIsCounted() {
        OwnerProfile owner = Owners.owner(NOW).locale("en").workshop("Best Auto No.1 Garage").build();
        RenderedOffer r = renderer.render("o", sent("TIRE_CHECK", Tier.MID), Candidates.brake(), owner);
        assertThat(r.blocked()).isTrue();
        assertThat(r.hits()).extracting(h -> h.term()).containsExactly("best", "No. 1");
        assertThat(renderer.blockedCount()).isEqualTo(1);
    }

    @Test
    void aFullWidthForbiddenWorkshopNameIsCaughtToo() {
        OwnerProfile owner = Owners.owner(NOW).workshop("国家级１００％放心店").build();
        assertThat(renderer.render("o", sent("TIRE_CHECK", Tier.MID), Candidates.brake(), owner).hits())
                .extracting(h -> h.term()).containsExactly("100%", "国家级");
    }

    @Test
    void theBookingBaseMayAlreadyCarryAQueryAndMustBeAbsolute() {
        OfferRenderer withQuery = new OfferRenderer(TemplateSet.defaults(SCANNER), SCANNER, "https://book.example/b?src=pitwall");
        assertThat(withQuery.bookingUrl("a b")).isEqualTo("https://book.example/b?src=pitwall&offer=a+b");
        assertThatThrownBy(() -> new OfferRenderer(TemplateSet.defaults(SCANNER), SCANNER, "/relative"))
                .hasMessageContaining("must be an absolute http(s) URL");
    }
}
