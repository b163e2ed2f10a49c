package io.pitwall.offers.render;

import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.catalogue.OfferCatalogue;
import io.pitwall.offers.policy.PolicyChain;
import io.pitwall.offers.wording.WordingScanner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateSetTest {

    private static final WordingScanner SCANNER = WordingScanner.defaults();
    private static final String HEAD = "{\"schemaVersion\": 1, \"locales\": [\"en\"], \"defaultLocale\": \"en\","
            + " \"advisorFallback\": {\"en\": \"your advisor\"},"
            + " \"tierLines\": {\"HIGH\": {\"en\": \"{advisorName} will help.\"}, \"MID\": {\"en\": \"Coupon inside.\"},"
            + " \"POTENTIAL\": {\"en\": \"Welcome.\"}},"
            + " \"openings\": {\"REACTIVATION\": {\"en\": \"Hello again.\"}, \"SAFETY\": {\"en\": \"Safety notice:\"}},"
            + " \"experiments\": [], \"templates\": [";

    private static TemplateSet load(String... templates) {
        String json = HEAD + String.join(",", templates) + "]}";
        return TemplateSet.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json", SCANNER);
    }

    private static String template(String body) {
        return "{\"recommendation\": \"TIRE_CHECK\", \"locale\": \"en\", \"title\": \"Tyres\", \"body\": \"" + body + "\"}";
    }

    @Test
    void theShippedTemplatesCoverTheCatalogueAndTheSurveyInEveryTierAndLocale() {
        TemplateSet set = TemplateSet.defaults(SCANNER);
        List<String> all = new ArrayList<>(OfferCatalogue.defaults().recommendations());
        all.add(PolicyChain.WIN_BACK_SURVEY);
        set.requireCovers(all);
        assertThat(set.locales()).containsExactly("zh-CN", "en");
        assertThat(set.experimentFor("BRAKE_SERVICE")).hasValueSatisfying(e -> assertThat(e.variants()).containsExactly("A", "B"));
    }

    @Test
    void aTemplateWithAForbiddenTermFailsTheLoadNamingIt() {
        assertThatThrownBy(() -> load(template("The best tyre check in town.")))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("t.json: template 0 (TIRE_CHECK) body contains the forbidden term \"best\"");
    }

    @Test
    void aForbiddenTermInAFullWidthTierLineFailsTheLoad() {
        String json = HEAD.replace("Coupon inside.", "ＢＥＳＴ coupon.") + template("ok") + "]}";
        assertThatThrownBy(() -> TemplateSet.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json", SCANNER))
                .hasMessageContaining("tierLines.MID en contains the forbidden term \"best\"");
    }

    @Test
    void refusesAnUnknownPlaceholder() {
        assertThatThrownBy(() -> load(template("Hello {ownerName}"))).hasMessageContaining("uses the unknown placeholder {ownerName}");
    }

    @Test
    void refusesAnOptionalValueOutsideASegment() {
        assertThatThrownBy(() -> load(template("{kmLeft} km left")))
                .hasMessageContaining("uses {kmLeft} outside a [[ ]] segment, but it can be missing");
        assertThat(load(template("Check[[ at {workshopName}]].")).find("TIRE_CHECK", Tier.MID, "en", null)).isPresent();
    }

    @Test
    void refusesUnbalancedSegments() {
        assertThatThrownBy(() -> load(template("Check [[ at {workshopName}."))).hasMessageContaining("unbalanced");
    }

    @Test
    void aTierTemplateWinsOverTheGeneralOne() {
        TemplateSet set = load(template("general"), "{\"recommendation\": \"TIRE_CHECK\", \"tier\": \"HIGH\", \"locale\": \"en\","
                + " \"title\": \"T\", \"body\": \"for high\"}");
        assertThat(set.find("TIRE_CHECK", Tier.HIGH, "en", null).orElseThrow().body()).isEqualTo("for high");
        assertThat(set.find("TIRE_CHECK", Tier.MID, "en", null).orElseThrow().body()).isEqualTo("general");
    }

    @Test
    void coverageNamesWhatIsMissing() {
        TemplateSet set = load("{\"recommendation\": \"TIRE_CHECK\", \"tier\": \"HIGH\", \"locale\": \"en\", \"title\": \"T\", \"body\": \"b\"}");
        assertThatThrownBy(() -> set.requireCovers(List.of("TIRE_CHECK")))
                .hasMessageStartingWith("no template for TIRE_CHECK, tier MID, locale en");
    }

    @Test
    void refusesADuplicateAndAnUnknownLocale() {
        assertThatThrownBy(() -> load(template("a"), template("b"))).hasMessageContaining("duplicates an earlier one");
        assertThatThrownBy(() -> load(template("a").replace("\"en\"", "\"fr\""))).hasMessageContaining("has locale \"fr\"");
    }

    @Test
    void resolvesLocalesByTagThenLanguageThenDefault() {
        TemplateSet set = TemplateSet.defaults(SCANNER);
        assertThat(set.resolveLocale("zh-CN")).isEqualTo("zh-CN");
        assertThat(set.resolveLocale("en-US")).isEqualTo("en");
        assertThat(set.resolveLocale("zh-TW")).isEqualTo("zh-CN");
        assertThat(set.resolveLocale("ug-CN")).isEqualTo("zh-CN");
        assertThat(set.resolveLocale(null)).isEqualTo("zh-CN");
    }
}
