package org.testbench.mdms.tls.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The cipher suites a probe can offer, by IANA name: every suite Bouncy Castle knows whose key exchange
 * needs no pre-shared secret from us (PSK and SRP are left out), weak and legacy ones included.
 */
public final class SuiteCatalog {

    private static final Set<Integer> KEY_EXCHANGES = Set.of(KeyExchangeAlgorithm.NULL, KeyExchangeAlgorithm.RSA,
            KeyExchangeAlgorithm.DHE_DSS, KeyExchangeAlgorithm.DHE_RSA, KeyExchangeAlgorithm.ECDHE_ECDSA,
            KeyExchangeAlgorithm.ECDHE_RSA, KeyExchangeAlgorithm.DH_anon, KeyExchangeAlgorithm.ECDH_anon);
    private static final Map<Integer, String> NAMES = names();

    private SuiteCatalog() {
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> names = new TreeMap<>();
        for (Field f : CipherSuite.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("TLS_")) {
                try {
                    names.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + f, e);
                }
            }
        }
        return Collections.unmodifiableMap(names);
    }

    public static String name(int suite) {
        return NAMES.getOrDefault(suite, String.format("0x%04X", suite));
    }

    /** The suites that can be probed with this version, in code order. */
    public static List<Integer> candidates(TlsCrypto crypto, ProtocolVersion version) {
        List<Integer> suites = new ArrayList<>();
        for (int suite : NAMES.keySet()) {
            if (CipherSuite.isSCSV(suite) || !TlsUtils.isValidCipherSuiteForVersion(suite, version)) {
                continue;
            }
            if (!KEY_EXCHANGES.contains(TlsUtils.getKeyExchangeAlgorithm(suite))) {
                continue;
            }
            if (TlsUtils.getSupportedCipherSuites(crypto, new int[] {suite}).length == 1) {
                suites.add(suite);
            }
        }
        return suites;
    }

    /** True for suites whose key exchange uses a named group: ECDHE, ECDH_anon and every TLS 1.3 suite. */
    public static boolean usesEllipticGroup(int suite) {
        int kx = TlsUtils.getKeyExchangeAlgorithm(suite);
        return kx == KeyExchangeAlgorithm.ECDHE_ECDSA || kx == KeyExchangeAlgorithm.ECDHE_RSA
                || kx == KeyExchangeAlgorithm.ECDH_anon || isTls13(suite);
    }

    /** True for TLS 1.3 suites (their key exchange is negotiated apart from the suite). */
    public static boolean isTls13(int suite) {
        return TlsUtils.isValidCipherSuiteForVersion(suite, ProtocolVersion.TLSv13)
                && !TlsUtils.isValidCipherSuiteForVersion(suite, ProtocolVersion.TLSv12);
    }
}
