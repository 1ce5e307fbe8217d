package org.testbench.mdms.tls;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server's certificate says and how it held up: validity, key, signature, names, key usage,
 * and whether it chains to a trusted CA and matches the host the client asked for.
 *
 * @param subjectAltNames    {@code DNS:name} and {@code IP:address} entries; empty when the extension is absent
 * @param extendedKeyUsage   purpose names ({@code serverAuth}, or an OID); empty when the extension is absent
 * @param chain              every certificate the server sent, leaf first
 * @param trustProblem       why the chain is not trusted; empty when it is
 */
public record CertificateFacts(String subject, String issuer, String serialNumber, Instant notBefore, Instant notAfter,
                               long validityDays, String keyAlgorithm, int keyBits, String signatureAlgorithm,
                               List<String> subjectAltNames, boolean hasExtendedKeyUsage, List<String> extendedKeyUsage,
                               boolean selfSigned, String host, boolean hostMatches, boolean trusted,
                               Optional<String> trustProblem, List<ChainCertificate> chain) {

    public CertificateFacts {
        Objects.requireNonNull(subject, "subject");
        subjectAltNames = List.copyOf(subjectAltNames);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        Objects.requireNonNull(trustProblem, "trustProblem");
        chain = List.copyOf(chain);
    }

    /** One certificate of the chain as sent: who, by whom, signed how, with what key. */
    public record ChainCertificate(String subject, String issuer, String signatureAlgorithm, String keyAlgorithm,
                                   int keyBits) {
    }
}
