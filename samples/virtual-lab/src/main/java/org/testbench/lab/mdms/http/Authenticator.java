package org.testbench.lab.mdms.http;

/**
 * Decides whether a request carries valid credentials. Implementations compare secrets in constant time and
 * never repeat a presented or expected secret in a message.
 */
public interface Authenticator {

    /** @throws org.testbench.lab.mdms.service.ServiceException UNAUTHORIZED when the credentials are missing or wrong */
    void check(Credentials presented);

    /** The {@code WWW-Authenticate} header of a 401 answer. */
    String challenge();

    /** What a request offers: its headers (lower-case names), query parameters and cookies. */
    interface Credentials {
        java.util.Optional<String> header(String lowerCaseName);

        java.util.Optional<String> query(String name);

        java.util.Optional<String> cookie(String name);
    }
}
