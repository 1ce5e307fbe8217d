package org.testbench.sequences.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The baseline levels of ETSI EN 319 142 (PAdES) and EN 319 122 (CAdES), as {@code --level} names them:
 * what a signature carries to stay verifiable over time.
 */
public enum SignatureLevel {
    /** The signature and the signer's certificate: who signed, not when. */
    B_B,
    /** Plus an RFC 3161 time stamp over the signature value: proof that it existed at that time. */
    B_T,
    /** Plus the validation material (certificates, CRLs, OCSP answers) that proves the chain at that time. */
    B_LT,
    /** Plus a document time stamp over all of it, renewable before its own authority's certificate expires. */
    B_LTA;

    /** @throws IllegalArgumentException naming the text and the levels known */
    public static SignatureLevel parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (SignatureLevel l : values()) {
            if (l.externalName().equals(t)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown signature level '" + text + "' (expected: "
                + Arrays.stream(values()).map(SignatureLevel::externalName).collect(Collectors.joining(", ")) + ")");
    }

    /** b-b, b-t, b-lt, b-lta: the option's spelling. */
    public String externalName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when this level needs a time-stamping authority. */
    public boolean needsTimeStamps() {
        return this != B_B;
    }

    /** B-B, B-T, B-LT, B-LTA: the standards' spelling, as reports and {@code verify} print it. */
    @Override
    public String toString() {
        return name().replace('_', '-');
    }
}
