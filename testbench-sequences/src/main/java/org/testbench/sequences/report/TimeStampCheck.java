package org.testbench.sequences.report;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * One RFC 3161 token checked against the bytes it should stamp: the digest matches, the authority's signature
 * verifies with the certificate the token carries, and that certificate may stamp time (checked by Bouncy
 * Castle: extended key usage timeStamping, critical, valid at the stamped time).
 *
 * @param problem empty when the token is good for these bytes
 */
record TimeStampCheck(Instant time, X509Certificate authority, List<X509Certificate> chain, Optional<String> problem) {

    static TimeStampCheck of(TimeStampToken token, byte[] stamped, String what) throws ReportException {
        List<X509Certificate> chain = CadesTimeStamps.certificates(token);
        Instant time = token.getTimeStampInfo().getGenTime().toInstant();
        var matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            throw new ReportException("the " + what + " does not carry its authority's certificate");
        }
        X509CertificateHolder holder = (X509CertificateHolder) matches.iterator().next();
        X509Certificate authority = chain.stream().filter(c -> {
            try {
                return Arrays.equals(c.getEncoded(), holder.getEncoded());
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new ReportException("the " + what + "'s certificate cannot be read"));
        String algorithm = token.getTimeStampInfo().getHashAlgorithm().getAlgorithm().getId();
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance(algorithm, Crypto.BC).digest(stamped);
        } catch (java.security.NoSuchAlgorithmException e) {
            return new TimeStampCheck(time, authority, chain, Optional.of("the " + what + " uses an unknown digest "
                    + algorithm));
        }
        if (!Arrays.equals(digest, token.getTimeStampInfo().getMessageImprintDigest())) {
            return new TimeStampCheck(time, authority, chain, Optional.of("the " + what
                    + " is for other bytes than those it should stamp"));
        }
        try {
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC).build(holder));
        } catch (Exception e) {
            return new TimeStampCheck(time, authority, chain, Optional.of("the " + what + " does not verify ("
                    + e.getMessage() + ")"));
        }
        return new TimeStampCheck(time, authority, chain, Optional.empty());
    }
}
