package org.testbench.mdms;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the bench's input files (sequences, bindings, bench.yaml, OpenAPI) as strict UTF-8. A lenient decoder
 * turns a bad byte into U+FFFD, and a sequence whose expected value holds one would run and blame the meter for
 * not matching it: a file that is not UTF-8 is bad input, reported with the line and column of the first bad
 * byte. A leading byte-order mark is dropped.
 */
public final class Utf8Text {

    private Utf8Text() {
    }

    /** A file that is not UTF-8: where its first bad byte is. */
    public static final class Malformed extends Exception {
        private final SourceLocation location;
        private final int offset;

        Malformed(SourceLocation location, int offset, String problem) {
            super(problem, null, false, false);
            this.location = location;
            this.offset = offset;
        }

        public SourceLocation location() {
            return location;
        }

        /** 0-based byte offset of the first bad byte. */
        public int offset() {
            return offset;
        }
    }

    public static String decode(byte[] bytes) throws Malformed {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new Malformed(locate(bytes, offset), offset, String.format(
                    "not UTF-8 text: byte 0x%02x at offset %d%s", bytes[Math.min(offset, bytes.length - 1)] & 0xff,
                    offset, offset >= bytes.length - 4 ? " (the file may be truncated in a multi-byte character)"
                            : ""));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Line and column (in characters) of a byte offset in valid UTF-8 before it. */
    private static SourceLocation locate(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        return new SourceLocation(line, before.codePointCount(0, before.length()) + 1);
    }
}
