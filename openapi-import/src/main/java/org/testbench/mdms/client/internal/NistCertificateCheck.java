package org.testbench.mdms.client.internal;

import java.net.Socket;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager with the certificate checks it leaves out for a private CA: it accepts RSA-1024
 * keys and SHA-1 signatures from any CA not shipped with the JDK, and a utility runs its own. After the
 * JDK has validated the chain, every certificate the server sent (a root it sends along excepted) must
 * have an RSA or DSA key of 2048 bits or more, an EC key of 224 bits or more (NIST SP 800-52r2 §3.2.1),
 * and a signature with a hash stronger than SHA-1.
 */
public final class NistCertificateCheck extends X509ExtendedTrustManager {

    private static final int MIN_RSA_BITS = 2048;
    private static final int MIN_EC_BITS = 224;

    private final X509ExtendedTrustManager jdk;

    public NistCertificateCheck(X509ExtendedTrustManager jdk) {
        this.jdk = jdk;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jdk.checkServerTrusted(chain, authType, socket);
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jdk.checkServerTrusted(chain, authType, engine);
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkServerTrusted(chain, authType);
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdk.getAcceptedIssuers();
    }

    /** The NIST minimums on every certificate of the chain but a self-signed root at its end. */
    public static void check(X509Certificate[] chain) throws CertificateException {
        for (int i = 0; i < chain.length; i++) {
            X509Certificate c = chain[i];
            boolean root = i > 0 && i == chain.length - 1
                    && c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
            if (root) {
                continue;
            }
            String who = (i == 0 ? "server certificate " : "CA certificate ") + c.getSubjectX500Principal().getName();
            PublicKey key = c.getPublicKey();
            int bits = keyBits(key);
            int minimum = key instanceof ECPublicKey ? MIN_EC_BITS : MIN_RSA_BITS;
            if (bits > 0 && bits < minimum) {
                throw new CertificateException(who + ": " + key.getAlgorithm() + " key of " + bits
                        + " bits, NIST SP 800-52r2 requires at least " + minimum);
            }
            String algorithm = c.getSigAlgName().toUpperCase(Locale.ROOT).replace("-", "");
            if (algorithm.startsWith("SHA1") || algorithm.startsWith("MD5") || algorithm.startsWith("MD2")) {
                throw new CertificateException(who + ": signed with " + c.getSigAlgName()
                        + ", NIST SP 800-52r2 requires SHA-256 or stronger");
            }
        }
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        return 0;
    }
}
