package org.testbench.mdms.client.auth;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bench's configuration says about its MDMS credentials ({@code bench.yaml} {@code mdms.auth}, the
 * endpoints file, {@code testbench mdms} options, the desktop app's settings) — never a secret itself, only
 * where it comes from.
 *
 * @param scheme         the document's security scheme to use, by its name ({@code gridflowOAuth}) or kind
 *                       ({@code bearer}, {@code api-key}, {@code basic}, {@code oauth2}, {@code mutual-tls},
 *                       {@code none}); empty: the first scheme the operation accepts whose credentials are at hand
 * @param secretVariable the environment variable of the secret (token, API key, password or client secret);
 *                       empty: the scheme's default ({@link #BEARER_VARIABLE}, {@link #API_KEY_VARIABLE},
 *                       {@link #PASSWORD_VARIABLE}, {@link #CLIENT_SECRET_VARIABLE})
 * @param user           the user of HTTP basic
 * @param clientId       the OAuth2 client id
 * @param tokenUrl       the OAuth2 token endpoint, overriding the document's {@code tokenUrl}
 * @param scopes         the OAuth2 scopes to ask for; empty: those the operations require
 */
public record AuthSettings(Optional<String> scheme, Optional<String> secretVariable, Optional<String> user,
                           Optional<String> clientId, Optional<URI> tokenUrl, List<String> scopes) {

    public static final String BEARER_VARIABLE = "TESTBENCH_MDMS_TOKEN";
    public static final String API_KEY_VARIABLE = "TESTBENCH_MDMS_API_KEY";
    public static final String PASSWORD_VARIABLE = "TESTBENCH_MDMS_PASSWORD";
    public static final String CLIENT_SECRET_VARIABLE = "TESTBENCH_MDMS_CLIENT_SECRET";

    public AuthSettings {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(secretVariable, "secretVariable");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        scopes = List.copyOf(scopes);
    }

    /** Nothing configured: the scheme comes from the document, the secret from its default variable. */
    public static AuthSettings fromDocument() {
        return new AuthSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /** A bearer token from this variable, as format-1 configurations ({@code token_env}) say. */
    public static AuthSettings bearer(String variable) {
        return new AuthSettings(Optional.empty(), Optional.of(variable), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }
}
