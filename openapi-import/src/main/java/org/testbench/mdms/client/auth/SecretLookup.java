package org.testbench.mdms.client.auth;

import java.util.Optional;

/**
 * Where secrets come from, by the name of their variable: the environment, a prompt, a keystore or a lab's
 * private secret file. Never a configuration file.
 */
@FunctionalInterface
public interface SecretLookup {

    /** The process environment. */
    SecretLookup ENVIRONMENT = variable -> Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isEmpty());

    Optional<String> secret(String variable);

    /** This lookup, then {@code other} for what this one lacks. */
    default SecretLookup orElse(SecretLookup other) {
        return variable -> secret(variable).or(() -> other.secret(variable));
    }
}
