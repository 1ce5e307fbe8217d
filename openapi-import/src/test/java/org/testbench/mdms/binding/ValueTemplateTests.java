package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTemplateTests {

    @Test
    void singlePlaceholderKeepsTheTypeOfTheValue() {
        ValueTemplate visible = ValueTemplate.parse("${visible}");
        assertThat(visible.render(Map.of("visible", true))).isEqualTo(BooleanNode.TRUE);
        assertThat(visible.renderText(Map.of("visible", false))).isEqualTo("false");
        assertThat(ValueTemplate.parse("${n}").render(Map.of("n", 7)).asLong()).isEqualTo(7);
    }

    @Test
    void mixedTextBecomesText() {
        ValueTemplate t = ValueTemplate.parse("meter-${serial}/${obis}");
        assertThat(t.placeholders()).containsExactly("serial", "obis");
        assertThat(t.renderText(Map.of("serial", "26000001", "obis", "1.0.1.8.0.255")))
                .isEqualTo("meter-26000001/1.0.1.8.0.255");
        assertThat(t).hasToString("meter-${serial}/${obis}");
    }

    @Test
    void literalsStayLiteral() {
        assertThat(ValueTemplate.parse("OPEN").isLiteral()).isTrue();
        assertThat(ValueTemplate.literal(IntNode.valueOf(30)).render(Map.of())).isEqualTo(IntNode.valueOf(30));
        assertThat(ValueTemplate.parse("cost $${x}").renderText(Map.of())).isEqualTo("cost ${x}");
        assertThat(ValueTemplate.parse("cost $${x}")).hasToString("cost $${x}");
    }

    @Test
    void missingValueNamesThePlaceholderAndWhatWasGiven() {
        assertThatThrownBy(() -> ValueTemplate.parse("${serial}").render(Map.of("obis", "x", "commandId", "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no value for ${serial} (given: commandId, obis)");
    }

    @Test
    void rejectsUnclosedAndNamelessPlaceholders() {
        assertThatThrownBy(() -> ValueTemplate.parse("${serial")).hasMessage("unclosed placeholder in '${serial' at character 1");
        assertThatThrownBy(() -> ValueTemplate.parse("a${ }")).hasMessageContaining("is not a name");
    }
}
