package org.testbench.mdms.client.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.testbench.mdms.client.RequestAuthentication;

/** HTTP basic (RFC 7617): user and password, UTF-8, on the Authorization header. */
public final class BasicCredentials implements RequestAuthentication {

    private final String user;
    private final String password;
    private final String encoded;

    public BasicCredentials(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a basic user name is not empty and has no ':', was '" + user + "'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the basic password of user " + user + " is empty");
        }
        this.encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String scheme() {
        return "HTTP basic as " + user;
    }

    @Override
    public void apply(CredentialTarget request) {
        request.header("Authorization", "Basic " + encoded);
    }

    @Override
    public List<String> secrets() {
        return List.of(password, encoded);
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + user + ", <redacted>]";
    }
}
