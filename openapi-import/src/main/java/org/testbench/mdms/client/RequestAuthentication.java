package org.testbench.mdms.client;

import java.util.List;

/**
 * How the bench proves who it is to the MDMS, on every request the operation's security requires. The
 * bench's credentials (bearer token, API key, basic, OAuth2 client credentials, …) each implement it;
 * {@link BearerToken} is the first. A connection takes one ({@link ClientOptions.Builder#authentication}).
 *
 * <p>Implementations are thread-safe (one client serves every position) and never show a secret in
 * {@link #toString()}, {@link #scheme()} or an exception message.
 */
public interface RequestAuthentication {

    /**
     * The scheme in words for messages and records, without the secret: {@code bearer token
     * (sha256:1a2b…)}, {@code API key in header X-Api-Key}. A refusal by the MDMS names it.
     */
    String scheme();

    /**
     * Puts the credentials on a request. May block (an OAuth2 token is fetched or renewed here).
     *
     * @throws AuthenticationException when the credentials cannot be had (a token endpoint that refuses
     *                                 or answers garbage): the bench's fault, never the MDMS's
     */
    void apply(CredentialTarget request) throws AuthenticationException;

    /**
     * The secrets this authentication sends, removed wherever they could appear (evidence, logs,
     * findings). Values derived at run time (an OAuth2 access token) are included once known.
     */
    List<String> secrets();

    /**
     * Told that the MDMS refused the credentials (401). Returns true when new ones were obtained and the
     * request may be sent once more (an OAuth2 token renewed); the default never retries.
     */
    default boolean renewAfterRefusal() {
        return false;
    }

    /** Where credentials go on a request; the client implements it for the request being built. */
    interface CredentialTarget {
        void header(String name, String value);

        void queryParameter(String name, String value);

        void cookie(String name, String value);
    }

    /** The credentials could not be obtained; the message names the scheme and never holds a secret. */
    final class AuthenticationException extends Exception {
        public AuthenticationException(String message, Throwable cause) {
            super(message, cause);
        }

        public AuthenticationException(String message) {
            super(message);
        }
    }
}
