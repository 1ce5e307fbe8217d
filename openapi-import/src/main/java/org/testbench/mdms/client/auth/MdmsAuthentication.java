package org.testbench.mdms.client.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.SecurityRequirement;
import org.testbench.mdms.catalog.SecurityScheme;
import org.testbench.mdms.client.BearerToken;
import org.testbench.mdms.client.RequestAuthentication;

/**
 * Chooses and builds the bench's credentials for an MDMS from what its document requires
 * ({@code securitySchemes}, {@code security}) and what the bench's configuration says ({@link AuthSettings}):
 * the scheme the configuration names, else the first the document accepts whose secret is at hand. Whatever
 * does not fit is an {@link AuthConfigurationException} that names the scheme and the missing setting.
 */
public final class MdmsAuthentication {

    private MdmsAuthentication() {
    }

    /**
     * @param baseUrl           the MDMS's base URL: a relative {@code tokenUrl} is resolved against it
     * @param tokenHttp         the HTTP client for an OAuth2 token endpoint (with the MDMS connection's TLS)
     * @param clientCertificate the bench presents a TLS client certificate (mutual TLS)
     * @return the credentials to send; empty when the operations need none, or mutual TLS alone
     * @throws AuthConfigurationException when the configuration and the document do not fit
     */
    public static Optional<RequestAuthentication> create(ApiCatalog catalog, HttpUrl baseUrl, AuthSettings settings,
            SecretLookup secrets, OkHttpClient tokenHttp, boolean clientCertificate) {
        Map<String, SecurityScheme> declared = new LinkedHashMap<>();
        catalog.securitySchemes().forEach(s -> declared.put(s.name(), s));
        if (!clientCertificate) {
            Optional<String> mutualTls = mutualTlsRequired(catalog, declared);
            if (mutualTls.isPresent()) {
                // Said now: without a certificate the MDMS would refuse the bench in the handshake of the first call.
                throw new AuthConfigurationException(title(catalog) + " requires a TLS client certificate (security "
                        + "scheme " + mutualTls.get() + ", mutualTLS) and the bench has no identity: set mdms identity "
                        + "(PKCS#12) or --identity");
            }
        }
        Map<String, Set<String>> required = requiredSchemes(catalog);
        Builder builder = new Builder(catalog, baseUrl, settings, secrets, tokenHttp, clientCertificate, required);
        if (settings.scheme().isPresent()) {
            String wanted = settings.scheme().get();
            if (wanted.equalsIgnoreCase("none")) {
                return Optional.empty();
            }
            Optional<SecurityScheme> named = Optional.ofNullable(declared.get(wanted))
                    .or(() -> declared.values().stream().filter(s -> kind(s.type()).equals(normalKind(wanted)))
                            .findFirst());
            if (named.isPresent()) {
                return builder.build(named.get());
            }
            if (!declared.isEmpty()) {
                throw new AuthConfigurationException("mdms auth scheme '" + wanted + "' is not a security scheme of "
                        + title(catalog) + " (it declares: " + describe(declared.values()) + ")");
            }
            // The document declares nothing (many real ones forget): the configuration is all there is.
            return builder.build(new SecurityScheme(wanted, type(normalKind(wanted), wanted), "", ""));
        }
        if (required.isEmpty()) {
            // No scheme documented: a bearer token that is set is still sent, as the bench always did.
            return secrets.secret(settings.secretVariable().orElse(AuthSettings.BEARER_VARIABLE))
                    .map(token -> bearer(token, settings.secretVariable().orElse(AuthSettings.BEARER_VARIABLE)));
        }
        List<String> lacking = new ArrayList<>();
        for (String name : required.keySet()) {
            SecurityScheme scheme = declared.get(name);
            if (scheme == null) {
                lacking.add(name + " (required but not declared in components.securitySchemes)");
                continue;
            }
            Optional<String> missing = builder.missing(scheme);
            if (missing.isEmpty()) {
                return builder.build(scheme);
            }
            lacking.add(name + " (" + kind(scheme.type()) + "): " + missing.get());
        }
        throw new AuthConfigurationException(title(catalog) + " requires credentials the bench's configuration lacks: "
                + String.join("; ", lacking));
    }

    /** The mutual TLS scheme every one of the document's requirements names, if there is one. */
    private static Optional<String> mutualTlsRequired(ApiCatalog catalog, Map<String, SecurityScheme> declared) {
        if (catalog.security().isEmpty()) {
            return Optional.empty();
        }
        String found = null;
        for (SecurityRequirement requirement : catalog.security()) {
            Optional<String> mutual = requirement.schemes().keySet().stream().filter(name -> declared.containsKey(name)
                    && declared.get(name).type() == SecurityScheme.Type.MUTUAL_TLS).findFirst();
            if (mutual.isEmpty()) {
                return Optional.empty();
            }
            found = mutual.get();
        }
        return Optional.ofNullable(found);
    }

    /** The schemes the document's requirements name, in order, with the scopes asked for each. */
    private static Map<String, Set<String>> requiredSchemes(ApiCatalog catalog) {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        List<SecurityRequirement> all = new ArrayList<>(catalog.security());
        for (ApiOperation op : catalog.operations()) {
            all.addAll(op.security());
        }
        for (SecurityRequirement requirement : all) {
            requirement.schemes().forEach((name, scopes) ->
                    names.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(scopes));
        }
        return names;
    }

    private static final class Builder {
        private final ApiCatalog catalog;
        private final HttpUrl baseUrl;
        private final AuthSettings settings;
        private final SecretLookup secrets;
        private final OkHttpClient tokenHttp;
        private final boolean clientCertificate;
        private final Map<String, Set<String>> required;

        Builder(ApiCatalog catalog, HttpUrl baseUrl, AuthSettings settings, SecretLookup secrets,
                OkHttpClient tokenHttp, boolean clientCertificate, Map<String, Set<String>> required) {
            this.catalog = catalog;
            this.baseUrl = baseUrl;
            this.settings = settings;
            this.secrets = secrets;
            this.tokenHttp = tokenHttp;
            this.clientCertificate = clientCertificate;
            this.required = required;
        }

        private String variable(String defaultVariable) {
            return settings.secretVariable().orElse(defaultVariable);
        }

        /** What the configuration lacks for this scheme, in words; empty when nothing. */
        Optional<String> missing(SecurityScheme scheme) {
            return switch (scheme.type()) {
                case HTTP_BEARER -> unset(variable(AuthSettings.BEARER_VARIABLE));
                case API_KEY -> unset(variable(AuthSettings.API_KEY_VARIABLE));
                case HTTP_BASIC -> settings.user().isEmpty() ? Optional.of("no user (mdms auth user)")
                        : unset(variable(AuthSettings.PASSWORD_VARIABLE));
                case OAUTH2 -> settings.clientId().isEmpty() ? Optional.of("no client id (mdms auth client_id)")
                        : settings.tokenUrl().isEmpty() && scheme.tokenUrl().isEmpty()
                        ? Optional.of("no token URL: the document has no clientCredentials flow; set mdms auth token_url")
                        : unset(variable(AuthSettings.CLIENT_SECRET_VARIABLE));
                case MUTUAL_TLS -> clientCertificate ? Optional.empty()
                        : Optional.of("no TLS client identity (mdms identity)");
                case OPENID_CONNECT, HTTP_OTHER -> Optional.of("the bench does not support this scheme ("
                        + scheme.detail() + ")");
            };
        }

        private Optional<String> unset(String variable) {
            return secrets.secret(variable).isPresent() ? Optional.empty() : Optional.of(variable + " is not set");
        }

        Optional<RequestAuthentication> build(SecurityScheme scheme) {
            Optional<String> missing = missing(scheme);
            if (missing.isPresent()) {
                throw new AuthConfigurationException(title(catalog) + ": security scheme " + scheme.name() + " ("
                        + kind(scheme.type()) + "): " + missing.get());
            }
            try {
                return switch (scheme.type()) {
                    case HTTP_BEARER -> Optional.of(bearer(secret(AuthSettings.BEARER_VARIABLE),
                            variable(AuthSettings.BEARER_VARIABLE)));
                    case API_KEY -> Optional.of(new ApiKey(ApiKey.Location.parse(scheme.location().orElse("header")),
                            scheme.parameterName().orElseThrow(() -> new AuthConfigurationException(title(catalog)
                                    + ": API key scheme " + scheme.name() + " names no parameter")),
                            secret(AuthSettings.API_KEY_VARIABLE)));
                    case HTTP_BASIC -> Optional.of(new BasicCredentials(settings.user().orElseThrow(),
                            secret(AuthSettings.PASSWORD_VARIABLE)));
                    case OAUTH2 -> Optional.of(oauth2(scheme));
                    case MUTUAL_TLS -> Optional.empty();
                    case OPENID_CONNECT, HTTP_OTHER -> throw new IllegalStateException("refused by missing()");
                };
            } catch (AuthConfigurationException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new AuthConfigurationException(title(catalog) + ": security scheme " + scheme.name() + ": "
                        + e.getMessage());
            }
        }

        private String secret(String defaultVariable) {
            return secrets.secret(variable(defaultVariable)).orElseThrow();
        }

        private RequestAuthentication oauth2(SecurityScheme scheme) {
            String written = settings.tokenUrl().map(Object::toString).or(scheme::tokenUrl).orElseThrow();
            HttpUrl tokenUrl = baseUrl.resolve(written);
            if (tokenUrl == null) {
                throw new AuthConfigurationException(title(catalog) + ": security scheme " + scheme.name()
                        + ": token URL '" + written + "' is not an http(s) URL");
            }
            if (!tokenUrl.isHttps() && !isLoopback(tokenUrl)) {
                throw new AuthConfigurationException(title(catalog) + ": security scheme " + scheme.name()
                        + ": token URL " + tokenUrl + " is plain HTTP to another host: the client secret would travel "
                        + "in clear; use https");
            }
            List<String> scopes = !settings.scopes().isEmpty() ? settings.scopes()
                    : List.copyOf(required.getOrDefault(scheme.name(), Set.of()));
            return new OAuth2ClientCredentials(tokenUrl, settings.clientId().orElseThrow(),
                    secret(AuthSettings.CLIENT_SECRET_VARIABLE), scopes, tokenHttp, Clock.systemUTC());
        }
    }

    private static boolean isLoopback(HttpUrl url) {
        return url.host().equals("127.0.0.1") || url.host().equals("localhost") || url.host().equals("[::1]")
                || url.host().equals("::1");
    }

    private static RequestAuthentication bearer(String token, String variable) {
        try {
            return BearerToken.of(token);
        } catch (IllegalArgumentException e) {
            throw new AuthConfigurationException(variable + ": " + e.getMessage());
        }
    }

    /** The kind of a scheme in the configuration's words. */
    public static String kind(SecurityScheme.Type type) {
        return switch (type) {
            case HTTP_BEARER -> "bearer";
            case HTTP_BASIC -> "basic";
            case API_KEY -> "api-key";
            case OAUTH2 -> "oauth2";
            case MUTUAL_TLS -> "mutual-tls";
            case OPENID_CONNECT -> "openid-connect";
            case HTTP_OTHER -> "http";
        };
    }

    private static String normalKind(String written) {
        String k = written.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (k) {
            case "apikey", "api-key" -> "api-key";
            case "oauth2", "oauth2-client-credentials", "client-credentials" -> "oauth2";
            case "mtls", "mutual-tls", "mutualtls" -> "mutual-tls";
            default -> k;
        };
    }

    private static SecurityScheme.Type type(String kind, String written) {
        return switch (kind) {
            case "bearer" -> SecurityScheme.Type.HTTP_BEARER;
            case "basic" -> SecurityScheme.Type.HTTP_BASIC;
            case "oauth2" -> SecurityScheme.Type.OAUTH2;
            case "mutual-tls" -> SecurityScheme.Type.MUTUAL_TLS;
            case "api-key" -> throw new AuthConfigurationException("mdms auth scheme '" + written + "': the document "
                    + "declares no API key scheme, so the bench does not know where the key goes");
            default -> throw new AuthConfigurationException("mdms auth scheme '" + written + "' is not one of bearer, "
                    + "api-key, basic, oauth2, mutual-tls, none");
        };
    }

    private static String title(ApiCatalog catalog) {
        return catalog.title() + " " + catalog.version();
    }

    private static String describe(java.util.Collection<SecurityScheme> schemes) {
        return schemes.stream().map(s -> s.name() + " (" + kind(s.type()) + ")").collect(Collectors.joining(", "));
    }
}
