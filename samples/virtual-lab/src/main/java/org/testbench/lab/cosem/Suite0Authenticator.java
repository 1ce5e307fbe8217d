package org.testbench.lab.cosem;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.testbench.lab.keys.MeterKeys;

/**
 * Checks the authentication tag of an APDU protected with security suite 0 (AES-GCM-128,
 * 12-byte tag), before Gurux sees it, so that the meter decides itself whether a frame is genuine.
 *
 * <p>Only "authenticated and encrypted" (security control 0x30) is supported, the protection the
 * management association's security policy requires: IV = system title of the sender followed by
 * the invocation counter, additional authenticated data = security control byte followed by AK.
 */
final class Suite0Authenticator {

    /** Security control byte: authenticated and encrypted, unicast key, suite 0. */
    static final int AUTHENTICATED_AND_ENCRYPTED = 0x30;

    private static final int TAG_BITS = 96;
    private static final int SYSTEM_TITLE_LENGTH = 8;

    private final MeterKeys keys;

    Suite0Authenticator(MeterKeys keys) {
        this.keys = keys;
    }

    /**
     * @param senderSystemTitle the client's system title (from the AARQ or the APDU itself)
     * @return true if the tag proves the APDU was made with this meter's keys and not altered
     */
    boolean isAuthentic(ProtectedApdu apdu, byte[] senderSystemTitle) {
        if (apdu.securityControl() != AUTHENTICATED_AND_ENCRYPTED || senderSystemTitle == null
                || senderSystemTitle.length != SYSTEM_TITLE_LENGTH) {
            return false;
        }
        byte[] encryptionKey = keys.encryptionKey();
        byte[] authenticationKey = keys.authenticationKey();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, initialisationVector(senderSystemTitle, apdu.invocationCounter())));
            gcm.updateAAD(new byte[] {(byte) apdu.securityControl()});
            gcm.updateAAD(authenticationKey);
            byte[] plaintext = gcm.doFinal(apdu.protectedPayload());
            Arrays.fill(plaintext, (byte) 0);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            // Not a forged frame but a JDK without AES-GCM: say so, without any key material.
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(encryptionKey, (byte) 0);
            Arrays.fill(authenticationKey, (byte) 0);
        }
    }

    private static byte[] initialisationVector(byte[] systemTitle, long invocationCounter) {
        byte[] iv = Arrays.copyOf(systemTitle, SYSTEM_TITLE_LENGTH + 4);
        for (int i = 0; i < 4; i++) {
            iv[SYSTEM_TITLE_LENGTH + i] = (byte) (invocationCounter >>> (24 - 8 * i));
        }
        return iv;
    }
}
