package org.testbench.sequences.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link SignatureVerifier} found for a signed report.
 *
 * @param valid the signature matches the content, nothing was changed after signing except by validation data
 *              and document time stamps, the certificate chains lead to the given CAs (when given), and the
 *              signer's certificate was not revoked before the signing time
 * @param format "pdf" (PAdES) or "cms" (a detached .p7s)
 * @param signatureFile the .p7s, or the PDF itself
 * @param signer the signer's subject, when the signature could be read
 * @param signerFingerprint SHA-256 of the signer's certificate
 * @param signedAt the signing time: from the signature time stamp when there is one, else the time the signer
 *                 claims (the PDF's /M or the CMS signing-time attribute)
 * @param chainChecked whether the chain was checked against a CA ({@code --ca}); false means trust not decided
 * @param message one sentence: why it is valid, or what is wrong
 * @param level the baseline level reached: B-B, B-T, B-LT or B-LTA (null when unreadable)
 * @param timeStamped whether signedAt comes from a verified time stamp (not merely claimed by the signer)
 * @param timeStampAuthority the subject of the certificate of the authority that stamped the signature
 * @param notes what else a reader should know: a revocation or expiry after the signing time, what the
 *              last document time stamp covers, revocation sources that could not be reached
 */
public record Verification(boolean valid, String file, String format, String signatureFile, Optional<String> signer,
        Optional<String> signerFingerprint, Optional<String> issuer, Optional<Instant> signedAt, boolean chainChecked,
        String message, SignatureLevel level, boolean timeStamped, Optional<String> timeStampAuthority,
        List<String> notes) {

    /** A verification without long-term information (baseline B). */
    public Verification(boolean valid, String file, String format, String signatureFile, Optional<String> signer,
            Optional<String> signerFingerprint, Optional<String> issuer, Optional<Instant> signedAt,
            boolean chainChecked, String message) {
        this(valid, file, format, signatureFile, signer, signerFingerprint, issuer, signedAt, chainChecked, message,
                null, false, Optional.empty(), List.of());
    }

    /** The same with another verdict and message (a later check found a problem). */
    Verification invalid(String why) {
        return new Verification(false, file, format, signatureFile, signer, signerFingerprint, issuer, signedAt,
                chainChecked, why, level, timeStamped, timeStampAuthority, notes);
    }

    /** The same with one more note. */
    Verification withNote(String note) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.add(note);
        return new Verification(valid, file, format, signatureFile, signer, signerFingerprint, issuer, signedAt,
                chainChecked, message, level, timeStamped, timeStampAuthority, List.copyOf(all));
    }
}
