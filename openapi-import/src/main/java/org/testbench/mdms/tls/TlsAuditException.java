package org.testbench.mdms.tls;

import java.io.IOException;

/** The audit could not be carried out: bad URL or CA file, or nothing listens at the address. */
public final class TlsAuditException extends IOException {

    private static final long serialVersionUID = 1L;

    public TlsAuditException(String message) {
        super(message);
    }

    public TlsAuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
