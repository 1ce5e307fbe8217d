package org.testbench.lab.trust;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the lab's time-stamping authority answers: correctly, or with one of the faults a client must catch. */
public enum TsaBehaviour {
    /** A granted RFC 3161 response for the digest asked. */
    CORRECT,
    /** Bytes that are no time-stamp response at all. */
    GARBAGE,
    /** A well-formed, correctly signed response whose token stamps another digest than the one asked. */
    WRONG_DIGEST,
    /** Answers correctly, but only after a long delay (longer than any client should wait). */
    SLOW,
    /** A "rejection" status: the authority refuses to stamp. */
    REJECTING;

    /** The name as options spell it: correct, garbage, wrong-digest, slow, rejecting. */
    public String externalName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the text and the behaviours known */
    public static TsaBehaviour parse(String text) {
        for (TsaBehaviour b : values()) {
            if (b.externalName().equals(text)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown TSA behaviour '" + text + "' (expected: "
                + Arrays.stream(values()).map(TsaBehaviour::externalName).collect(Collectors.joining(", ")) + ")");
    }
}
