package org.testbench.sequences.report;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@link SignatureVerifier} found for a signed report.
 *
 * @param valid the signature matches the content, nothing was changed after signing, and the certificate chain
 *              leads to the given CA (when one was given)
 * @param format "pdf" (PAdES) or "cms" (a detached .p7s)
 * @param signatureFile the .p7s, or the PDF itself
 * @param signer the signer's subject, when the signature could be read
 * @param signerFingerprint SHA-256 of the signer's certificate
 * @param signedAt the PDF's signing time (/M) or the CMS signing-time attribute
 * @param chainChecked whether the chain was checked against a CA ({@code --ca}); false means trust not decided
 * @param message one sentence: why it is valid, or what is wrong
 */
public record Verification(boolean valid, String file, String format, String signatureFile, Optional<String> signer,
        Optional<String> signerFingerprint, Optional<String> issuer, Optional<Instant> signedAt, boolean chainChecked,
        String message) {
}
