package org.testbench.lab.bench;

/**
 * Makes text from a client safe to echo in an error message or a log line: printable ASCII only,
 * no double quote (it would end the quoted SCPI string), and short.
 */
final class ScpiText {

    private static final int MAX_ECHO_LENGTH = 40;

    private ScpiText() {
    }

    /** What the client sent, in single quotes, shortened: {@code 'SOUR:VLT'}. */
    static String echo(String clientText) {
        String shown = clientText.length() <= MAX_ECHO_LENGTH ? clientText
                : clientText.substring(0, MAX_ECHO_LENGTH) + "...";
        return "'" + quotable(shown) + "'";
    }

    /** Replaces double quotes and anything that is not printable ASCII. */
    static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('\'');
            } else if (c < 0x20 || c > 0x7E) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
