package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObisTests {

    @Nested
    class Parsing {
        @Test
        void readsDottedForm() {
            assertThat(Obis.parse("1.0.1.8.0.255")).isEqualTo(new Obis(1, 0, 1, 8, 0, 255));
        }

        @Test
        void readsDisplayForm() {
            assertThat(Obis.parse("0-0:96.1.0*255")).isEqualTo(new Obis(0, 0, 96, 1, 0, 255));
        }

        @Test
        void defaultsMissingGroupFTo255() {
            assertThat(Obis.parse("1.0.2.8.0")).isEqualTo(new Obis(1, 0, 2, 8, 0, 255));
            assertThat(Obis.parse("1-0:2.8.0")).isEqualTo(new Obis(1, 0, 2, 8, 0, 255));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1.0.1.8", "a.b.c.d.e.f", "1.0.1.8.0.255.7", "1:0-1.8.0", "1.0.1.8.0.-1"})
        void rejectsMalformedTextNamingItAndTheAcceptedForms(String text) {
            assertThatThrownBy(() -> Obis.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'")
                    .hasMessageContaining("A.B.C.D.E.F");
        }

        @Test
        void rejectsGroupAbove255NamingTheGroup() {
            assertThatThrownBy(() -> Obis.parse("1.0.1.8.0.256"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("group F = 256");
        }
    }

    @Test
    void toStringIsReadBackByParse() {
        Obis obis = new Obis(0, 0, 96, 3, 10, 255);
        assertThat(Obis.parse(obis.toString())).isEqualTo(obis);
        assertThat(Obis.parse(obis.displayForm())).isEqualTo(obis);
        assertThat(obis.displayForm()).isEqualTo("0-0:96.3.10*255");
    }

    @Test
    void ordersByValueGroups() {
        assertThat(Obis.parse("1.0.1.8.0.255")).isLessThan(Obis.parse("1.0.2.8.0.255"));
        assertThat(Obis.parse("0.0.96.1.0.255")).isLessThan(Obis.parse("1.0.0.2.0.255"));
    }
}
