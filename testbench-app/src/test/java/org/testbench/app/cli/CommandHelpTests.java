package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandHelpTests {

    @ParameterizedTest
    @ValueSource(strings = {"lab", "read", "switch", "bench", "import", "mdms", "run", "results", "report", "verify",
            "pki", "demo", "meter-attack", "gui", "tls-audit"})
    void everyCommandExplainsItself(String command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = TestbenchCommand.execute(new String[] {command, "--help"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: testbench " + command);
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"read", "switch"})
    void commandsWithoutTheirPortAreBadInput(String command) {
        StringWriter err = new StringWriter();

        int code = TestbenchCommand.execute(new String[] {command}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }

    /** 4059 is the DLMS/COSEM port of the AMI: an example that reads it over the optical protocol fails. */
    @org.junit.jupiter.api.Test
    void readsExamplesNameTheAmiPortOnlyWithViaAmi() {
        StringWriter out = new StringWriter();
        TestbenchCommand.execute(new String[] {"read", "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(out.toString().lines().filter(line -> line.contains("testbench read")))
                .isNotEmpty()
                .allSatisfy(example -> {
                    if (example.contains(":4059")) {
                        assertThat(example).contains("--via ami");
                    }
                })
                .anySatisfy(example -> assertThat(example).contains(":4059"));
    }
}
