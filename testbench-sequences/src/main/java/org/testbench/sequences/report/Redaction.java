package org.testbench.sequences.report;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testbench.sequences.results.Sha256;

/**
 * Keeps key material out of reports: a 128- or 256-bit key written as hex (what DLMS keys, tokens and secrets
 * look like in evidence) becomes its fingerprint, the first 16 hex digits of its SHA-256. The results store
 * already removes the secrets it knows; this is the second line for those it did not.
 */
final class Redaction {

    /** 32 hex digits (AES-128, the DLMS suite 0 keys) as a whole word; longer runs are hashes, not keys. */
    private static final Pattern HEX_KEY = Pattern.compile("(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{32})(?![0-9A-Fa-f])");
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\\s\\S]*?-----END \\1PRIVATE KEY-----");

    private Redaction() {
    }

    static String fingerprint(byte[] material) {
        return "sha256:" + Sha256.of(material).hex().substring(0, 16);
    }

    static String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(PEM_KEY.matcher(text), "[private key ");
        return replace(HEX_KEY.matcher(out), "[key ");
    }

    private static String replace(Matcher m, String prefix) {
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String found = m.group();
            String fp = fingerprint(found.startsWith("-----") ? found.getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                    : HexFormat.of().parseHex(found));
            m.appendReplacement(sb, Matcher.quoteReplacement(prefix + fp + "]"));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
