package org.testbench.sequences.report;

import java.io.IOException;

/**
 * A report could not be made, signed or checked because of its input: a wrong password, a certificate that
 * cannot sign, an unreadable or truncated file. The message is one sentence naming the file or certificate.
 */
public final class ReportException extends IOException {

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
