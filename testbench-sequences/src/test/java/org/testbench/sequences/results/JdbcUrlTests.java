package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JdbcUrlTests {

    @Test
    void hidesPasswordsOfEveryForm() throws Exception {
        assertThat(JdbcUrl.parse("jdbc:postgresql://h/db?user=u&password=p4ss&sslpassword=k3y").redacted())
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&sslpassword=***");
        assertThat(JdbcUrl.parse("jdbc:h2:file:/x/results;USER=u;PASSWORD=p4ss;WRITE_DELAY=0").redacted())
                .isEqualTo("jdbc:h2:file:/x/results;USER=u;PASSWORD=***;WRITE_DELAY=0");
    }

    @Test
    void findsTheFileOfAnEmbeddedH2Database() throws Exception {
        assertThat(JdbcUrl.parse("jdbc:h2:file:/var/lib/tb/results;AUTO_SERVER=TRUE").h2File())
                .contains(Path.of("/var/lib/tb/results"));
        assertThat(JdbcUrl.parse("jdbc:h2:/var/lib/tb/results").h2File()).contains(Path.of("/var/lib/tb/results"));
        assertThat(JdbcUrl.parse("jdbc:h2:~/tb/results").h2File())
                .contains(Path.of(System.getProperty("user.home"), "tb", "results"));
    }

    @Test
    void knowsThatServersAndMemoryHaveNoFile() throws Exception {
        assertThat(JdbcUrl.parse("jdbc:h2:mem:results").h2File()).isEmpty();
        assertThat(JdbcUrl.parse("jdbc:h2:tcp://bench-pc/results").h2File()).isEmpty();
        assertThat(JdbcUrl.parse("jdbc:postgresql://db/results").h2File()).isEmpty();
    }

    @Test
    void readsH2SettingsWhateverTheirCase() throws Exception {
        JdbcUrl url = JdbcUrl.parse("jdbc:h2:file:/x/results;auto_server=true; WRITE_DELAY = 0");

        assertThat(url.h2Setting("AUTO_SERVER")).contains("true");
        assertThat(url.h2Setting("WRITE_DELAY")).contains("0");
        assertThat(url.h2Setting("CIPHER")).isEmpty();
    }

    @Test
    void givesEmbeddedH2FilesDurableCommitsAndCompactionUnlessTheUrlSaysOtherwise() throws Exception {
        assertThat(H2Settings.forEmbeddedFile(JdbcUrl.parse("jdbc:h2:file:/x/results")).value())
                .isEqualTo("jdbc:h2:file:/x/results;WRITE_DELAY=0;MAX_COMPACT_TIME=2000");
        assertThat(H2Settings.forEmbeddedFile(JdbcUrl.parse("jdbc:h2:file:/x/results;WRITE_DELAY=100;"
                + "MAX_COMPACT_TIME=0")).value())
                .isEqualTo("jdbc:h2:file:/x/results;WRITE_DELAY=100;MAX_COMPACT_TIME=0");
        assertThat(H2Settings.forEmbeddedFile(JdbcUrl.parse("jdbc:h2:mem:results")).value())
                .isEqualTo("jdbc:h2:mem:results");
        assertThat(H2Settings.forEmbeddedFile(JdbcUrl.parse("jdbc:postgresql://db/results")).value())
                .isEqualTo("jdbc:postgresql://db/results");
    }
}
