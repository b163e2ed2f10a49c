package io.pitwall.sink.clickhouse.cookbook;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CookbookTest {

    @Test
    void bindsTypedLiteralsForServersWithoutQueryParameters() {
        String sql = "SELECT * FROM t WHERE vin = {vin:String} AND ts >= {from:DateTime} AND d < {day:Date} AND r >= {r:Float64}";
        assertThat(Cookbook.bind(sql, Map.of("vin", "O'Brien\\", "from", "2025-11-24 00:00:00", "day", "2025-11-25",
                "r", 0.5)))
                .isEqualTo("SELECT * FROM t WHERE vin = 'O\\'Brien\\\\' AND ts >= toDateTime('2025-11-24 00:00:00')"
                        + " AND d < toDate('2025-11-25') AND r >= 0.5");
    }

    @Test
    void refusesMissingValuesAndNonNumbersForNumericParameters() {
        assertThatThrownBy(() -> Cookbook.bind("SELECT {days:UInt32}", Map.of()))
                .hasMessageContaining("{days:UInt32}");
        assertThatThrownBy(() -> Cookbook.bind("SELECT {days:UInt32}", Map.of("days", "1; DROP TABLE x")))
                .hasMessageContaining("not a number");
    }

    @Test
    void shipsEveryQueryOfTheCookbookWithoutATrailingSemicolon() {
        Cookbook.QUERIES.forEach(name -> assertThat(Cookbook.sql(name)).startsWith("--").doesNotEndWith(";")
                .contains("pitwall."));
    }
}
