package io.pitwall.offers.wording;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordingScannerTest {

    private final WordingScanner scanner = WordingScanner.defaults();

    private List<String> terms(String text) {
        return scanner.scan(text).stream().map(WordingHit::term).toList();
    }

    @Test
    void findsEveryChineseAbsoluteClaimOfDomainMd() {
        for (String term : List.of("最", "最佳", "最好", "最专业", "第一", "唯一", "首个", "顶级", "极品", "国家级", "世界级")) {
            assertThat(terms("本店" + term + "服务")).as(term).contains(term);
        }
    }

    @Test
    void latinTermsAreCaseInsensitive() {
        assertThat(terms("The BEST service")).containsExactly("best");
        assertThat(terms("Satisfaction Guaranteed.")).containsExactly("guaranteed");
        assertThat(terms("We are no. 1 in town")).containsExactly("No. 1");
    }

    @Test
    void fullWidthCharactersAreNormalised() {
        assertThat(terms("满意度１００％")).containsExactly("100%");
        assertThat(terms("ＢＥＳＴ　ｓｅｒｖｉｃｅ")).containsExactly("best");
        assertThat(terms("Ｎｏ．１服务商")).containsExactly("No. 1");
    }

    @Test
    void invisibleCharactersCannotSplitATerm() {
        assertThat(terms("the be\u200Bst offer")).containsExactly("best");
        assertThat(terms("最\u200D佳")).contains("最佳");
    }

    @Test
    void aLatinTermInsideALongerWordIsNotAHit() {
        assertThat(terms("We bestow a free check")).isEmpty();
        assertThat(terms("No asbestos in our brake pads")).isEmpty();
        assertThat(terms("an unguaranteeded claim")).isEmpty();
    }

    @Test
    void punctuationAndChineseAroundALatinTermAreWordBoundaries() {
        assertThat(terms("best-in-class care")).containsExactly("best");
        assertThat(terms("(best)")).containsExactly("best");
        assertThat(terms("本店best服务")).containsExactly("best");
    }

    @Test
    void variantsOfNoOneAreCaughtButNotNoTen() {
        assertThat(terms("NO1 dealer")).containsExactly("No. 1");
        assertThat(terms("No 1 dealer")).containsExactly("No. 1");
        assertThat(terms("No. 10 Huaihai Road")).isEmpty();
    }

    @Test
    void hundredPercentNeedsItsOwnNumberBoundary() {
        assertThat(terms("100 % sure")).containsExactly("100%");
        assertThat(terms("1100% more")).isEmpty();
        assertThat(terms("100 km left")).isEmpty();
    }

    @Test
    void allowedPhrasesMaskKnownFalsePositivesOnly() {
        assertThat(terms("您最近一次保养是在三月")).isEmpty();
        assertThat(terms("最后，请检查胎压")).isEmpty();
        assertThat(terms("您的第一次保养")).isEmpty();
        assertThat(terms("最近我们推出最好的服务")).containsExactly("最", "最好");
        assertThat(terms("第一品牌")).containsExactly("第一");
    }

    @Test
    void chineseTermsCannotBeSplitWithSpaces() {
        assertThat(terms("顶 级 服务")).containsExactly("顶级");
    }

    @Test
    void reportsAnExcerptForTheLog() {
        assertThat(scanner.scan("Visit our garage for the best brake service in town").get(0).excerpt()).contains("best");
    }

    @Test
    void theListIsConfiguration() {
        String json = "{\"terms\": [\"cheapest\"], \"allowedPhrases\": []}";
        WordingScanner custom = WordingScanner.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "custom.json");
        assertThat(custom.isClean("the best")).isTrue();
        assertThat(custom.isClean("the CHEAPEST")).isFalse();
    }

    @Test
    void refusesAnEmptyListAndBlankTerms() {
        assertThatThrownBy(() -> new WordingScanner(List.of(), List.of())).hasMessageContaining("empty");
        assertThatThrownBy(() -> new WordingScanner(List.of(" "), List.of())).hasMessageContaining("blank");
        assertThatThrownBy(() -> WordingScanner.load(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), "x.json"))
                .hasMessage("x.json: terms must be an array of strings");
    }

    @Test
    void cleanTextHasNoHits() {
        assertThat(scanner.scan("根据车辆数据，您的刹车片预计约800公里后需要更换。")).isEmpty();
        assertThat(scanner.scan("")).isEmpty();
        assertThat(scanner.scan(null)).isEmpty();
    }
}
