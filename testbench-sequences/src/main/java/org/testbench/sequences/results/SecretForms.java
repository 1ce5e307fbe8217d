package org.testbench.sequences.results;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** The regular expressions that find one secret in the textual forms evidence carries it in. */
final class SecretForms {

    /** Between the bytes of a hex dump: nothing, a space, a colon, a dash or a dot. */
    private static final String HEX_SEPARATOR = "[ :.\\-]?";
    /** Base64 in PEM and MIME bodies is wrapped at 64 or 76 characters. */
    private static final String LINE_BREAK = "(?:\\r?\\n)?";

    private SecretForms() {
    }

    static List<String> regexes(byte[] secret) {
        List<String> forms = new ArrayList<>();
        forms.add(hex(secret));
        forms.addAll(base64(secret, Base64.getEncoder().withoutPadding(), "[A-Za-z0-9+/]"));
        forms.addAll(base64(secret, Base64.getUrlEncoder().withoutPadding(), "[A-Za-z0-9_-]"));
        if (isPrintable(secret)) {
            forms.add(Pattern.quote(new String(secret, StandardCharsets.US_ASCII)));
        }
        return forms;
    }

    /**
     * The Base64 forms of the secret at the three alignments it can have in a longer payload: the characters
     * that depend on the secret alone, plus, when present, the characters at either end that mix a few bits
     * of it with its neighbours, and the padding. Removing those too leaves no bit of the secret behind, at
     * the cost of a neighbouring character at most.
     */
    private static List<String> base64(byte[] secret, Base64.Encoder encoder, String alphabet) {
        List<String> forms = new ArrayList<>();
        String character = alphabet + LINE_BREAK;
        for (int shift = 0; shift < 3; shift++) {
            StringBuilder regex = new StringBuilder();
            if (shift > 0) {
                regex.append("(?:").append(character).append("){0,").append(shift + 1).append('}');
            }
            regex.append(wrapped(base64Core(secret, shift, encoder)));
            if ((shift + secret.length) % 3 != 0) {
                regex.append("(?:").append(alphabet).append("={0,2})?");
            }
            forms.add(regex.toString());
        }
        return forms;
    }

    private static String hex(byte[] secret) {
        StringBuilder regex = new StringBuilder("(?i:");
        for (int i = 0; i < secret.length; i++) {
            if (i > 0) {
                regex.append(HEX_SEPARATOR);
            }
            regex.append(String.format("%02x", secret[i] & 0xff));
        }
        return regex.append(')').toString();
    }

    /**
     * The characters of the secret's Base64 form that do not depend on the bytes around it, when it starts
     * {@code shift} bytes into a 3-byte group of a longer payload. The first 0, 2 or 3 characters mix in the
     * bytes before it and the last partial character the bytes after it; everything between is fixed.
     */
    static String base64Core(byte[] secret, int shift, Base64.Encoder encoder) {
        byte[] shifted = new byte[shift + secret.length];
        System.arraycopy(secret, 0, shifted, shift, secret.length);
        String encoded = encoder.encodeToString(shifted);
        int n = shifted.length;
        int fixedEnd = n / 3 * 4 + (n % 3 == 0 ? 0 : n % 3);
        int fixedStart = shift == 0 ? 0 : shift + 1;
        return encoded.substring(fixedStart, fixedEnd);
    }

    private static String wrapped(String literal) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            if (i > 0) {
                regex.append(LINE_BREAK);
            }
            char c = literal.charAt(i);
            regex.append(c == '+' ? "\\+" : String.valueOf(c)); // the only Base64 character special in a regex
        }
        return regex.toString();
    }

    private static boolean isPrintable(byte[] secret) {
        for (byte b : secret) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
