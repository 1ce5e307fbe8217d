package org.testbench.app.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the CLI prints passes here, and much of it comes from peers the bench does not control: a meter's
 * identification, an MDMS's error body, a bench's SCPI reply. A hostile peer must not reach the operator's
 * terminal with control sequences (ESC starts ANSI commands that rewrite the screen or the window title; BEL,
 * NUL, bidirectional overrides hide or reorder text), so every control character except line feed and tab is
 * written as a visible escape ({@code \x1B}, {@code \u202E}). The one place that does it for stdout and stderr.
 */
final class TerminalSafeWriter extends FilterWriter {

    TerminalSafeWriter(Writer out) {
        super(out);
    }

    /** The text as it is shown: control characters escaped. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            append(b, text.charAt(i));
        }
        return b.toString();
    }

    private static void append(StringBuilder b, char c) {
        if (c == '\n' || c == '\t' || !isControl(c)) {
            b.append(c);
        } else if (c < 0x100) {
            b.append(String.format("\\x%02X", (int) c));
        } else {
            b.append(String.format("\\u%04X", (int) c));
        }
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) // bidirectional overrides
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    @Override
    public void write(int c) throws IOException {
        out.write(escape(String.valueOf((char) c)));
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        out.write(escape(new String(chars, off, len)));
    }

    @Override
    public void write(String text, int off, int len) throws IOException {
        out.write(escape(text.substring(off, off + len)));
    }
}
