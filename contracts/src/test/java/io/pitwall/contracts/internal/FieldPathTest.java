package io.pitwall.contracts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void rendersFieldsIndexesAndQuotedKeys() {
        FieldPath path = FieldPath.ROOT.field("samples").index(3).field("signals").key("Vehicle.Speed");
        assertThat(path).hasToString("samples[3].signals[\"Vehicle.Speed\"]");
    }

    @Test
    void rootReadsAsTheMessage() {
        assertThat(FieldPath.ROOT).hasToString("the message");
        assertThat(FieldPath.ROOT.field("vin")).hasToString("vin");
    }

    @Test
    void escapesAndShortensHostileKeys() {
        assertThat(FieldPath.ROOT.field("signals").key("a\"b\n\u0001")).hasToString("signals[\"a\\\"b\\n\\u0001\"]");
        assertThat(FieldPath.ROOT.key("k".repeat(5000)).toString()).hasSizeLessThan(100).endsWith("... (5000 characters)\"]".replace("\"]", "]"));
    }
}
