package org.testbench.mdms.client;

import java.io.IOException;
import java.util.Optional;

/**
 * Keys could not be obtained from the MDMS: the call failed, or the envelope is not what was promised
 * (not CMS AuthEnvelopedData, not for the bench's certificate, altered, wrong content). Messages never
 * contain key material.
 */
public final class KeyDeliveryException extends IOException {

    private final transient MdmsResponse response;

    public KeyDeliveryException(String message, MdmsResponse response, Throwable cause) {
        super(message, cause);
        this.response = response;
    }

    /** The MDMS's answer, when the problem is in it (with its redacted evidence). */
    public Optional<MdmsResponse> response() {
        return Optional.ofNullable(response);
    }
}
