package org.testbench.mdms.client.auth;

/**
 * The bench's credentials do not fit the MDMS's document: a scheme the document names that the configuration
 * lacks, a secret that is not set, a scheme the configuration names that the document does not have. The
 * bench's fault (a verdict ERROR); the message says what and where, and never holds a secret.
 */
public final class AuthConfigurationException extends IllegalArgumentException {

    public AuthConfigurationException(String message) {
        super(message);
    }
}
