package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A peer that answers with terminal control sequences never reaches the operator's terminal with them. */
class HostilePeerOutputTests {

    private static final String HOSTILE = "ACME\u001b]0;owned\u0007\u001b[2J\u0000,LAB,1,1.0";

    @Test
    void aBenchAnsweringControlSequencesIsShownEscaped() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    OutputStream out = s.getOutputStream();
                    while (in.readLine() != null) {
                        out.write((HOSTILE + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (Exception ignored) {
                    // the bench hung up
                }
            });
            peer.setDaemon(true);
            peer.start();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            TestbenchCommand.execute(new String[] {"bench", "--port", "tcp:127.0.0.1:" + server.getLocalPort(),
                    "--timeout", "2", "idn"}, new PrintWriter(out), new PrintWriter(err));

            String shown = out + "" + err;
            assertThat(shown).as("the peer's answer is shown").contains("ACME");
            assertThat(shown.chars().filter(c -> c != '\n' && (c < 0x20 || c == 0x7F || c == 0x202E)))
                    .as("control characters in " + shown).isEmpty();
            assertThat(shown).contains("\\x1B]0;owned\\x07").contains("\\x00");
        }
    }

    @Test
    void escapingKeepsLinesAndTabsAndPrintableText() {
        assertThat(TerminalSafeWriter.escape("POS\tVALUE\nÄ 12 kWh\r\u0085\u202e"))
                .isEqualTo("POS\tVALUE\nÄ 12 kWh\\x0D\\x85\\u202E");
    }
}
