package org.testbench.mdms.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.ValueTemplate;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.ApiParameter;
import org.testbench.mdms.catalog.ParameterLocation;
import org.testbench.mdms.client.RequestAuthentication;

/** Builds the HTTP request for a binding entry, its operation and the caller's values. */
public final class RequestFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RequestFactory.class);
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String USER_AGENT = "Testbench-MDMS-client/1";

    private final HttpUrl base;
    private final Optional<RequestAuthentication> authentication;
    private final boolean documentHasSecurity;

    /** @param documentHasSecurity the API declares security at the top level (then {@code security: []} means none) */
    public RequestFactory(HttpUrl base, Optional<RequestAuthentication> authentication, boolean documentHasSecurity) {
        this.base = base;
        this.authentication = authentication;
        this.documentHasSecurity = documentHasSecurity;
    }

    /** A request ready to send, with the JSON body it carries (for the evidence). */
    public record Prepared(Request request, JsonNode body) {
    }

    /** @throws IllegalArgumentException when a placeholder has no value, or a path parameter is not bound */
    public Prepared prepare(BindingEntry entry, ApiOperation op, Map<String, ?> inputs) {
        Map<String, String> path = new LinkedHashMap<>();
        HttpUrl.Builder url = base.newBuilder();
        if (!base.pathSegments().isEmpty() && base.pathSegments().get(base.pathSegments().size() - 1).isEmpty()) {
            url.removePathSegment(base.pathSegments().size() - 1);
        }
        Request.Builder request = new Request.Builder();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, ValueTemplate> p : entry.parameters().entrySet()) {
            Optional<ApiParameter> documented = op.parameter(p.getKey());
            String value = render(entry, p.getKey(), p.getValue(), inputs);
            if (documented.isEmpty()) {
                LOG.debug("{}: parameter '{}' is not documented for {}; not sent", entry.capability(), p.getKey(), op);
                continue;
            }
            ParameterLocation location = documented.get().location();
            switch (location) {
                case PATH -> path.put(p.getKey(), value);
                case QUERY -> url.addQueryParameter(p.getKey(), value);
                case HEADER -> request.header(p.getKey(), value);
                case COOKIE -> cookies.add(p.getKey() + "=" + value);
            }
        }
        Object statusUrl = entry.capability() == org.testbench.mdms.binding.Capability.COMMAND_STATUS
                ? inputs.get(BindingEntry.STATUS_URL) : null;
        if (statusUrl != null) {
            url = statusUrl(String.valueOf(statusUrl)).newBuilder();
        } else {
            for (String segment : op.path().split("/")) {
                if (!segment.isEmpty()) {
                    url.addPathSegment(fill(entry, op, segment, path));
                }
            }
        }
        JsonNode body = body(entry, op, inputs);
        RequestBody requestBody = body != null ? RequestBody.create(body.toString(), JSON)
                : op.method().hasBody() ? RequestBody.create(new byte[0], null) : null;
        request.method(op.method().name(), requestBody)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        boolean anonymous = op.security().isEmpty() && documentHasSecurity;
        if (authentication.isPresent() && !anonymous) {
            authenticate(request, url, cookies);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies));
        }
        request.url(url.build());
        return new Prepared(request.build(), body);
    }

    /**
     * A status URL the MDMS gave, resolved against the base URL. Only the MDMS's own origin is polled: the
     * bench's credentials go nowhere else.
     */
    private HttpUrl statusUrl(String given) {
        HttpUrl resolved = base.resolve(given);
        if (resolved == null) {
            throw new IllegalArgumentException("the status URL '" + given + "' the MDMS gave is not a URL");
        }
        if (!resolved.scheme().equals(base.scheme()) || !resolved.host().equals(base.host())
                || resolved.port() != base.port()) {
            throw new IllegalArgumentException("the status URL " + resolved.scheme() + "://" + resolved.host() + ":"
                    + resolved.port() + " the MDMS gave is not the MDMS's own origin " + base.scheme() + "://"
                    + base.host() + ":" + base.port() + ": the bench does not send its credentials there");
        }
        return resolved;
    }

    private void authenticate(Request.Builder request, HttpUrl.Builder url, List<String> cookies) {
        RequestAuthentication auth = authentication.orElseThrow();
        try {
            auth.apply(new RequestAuthentication.CredentialTarget() {
                @Override
                public void header(String name, String value) {
                    request.header(name, value);
                }

                @Override
                public void queryParameter(String name, String value) {
                    url.addQueryParameter(name, value);
                }

                @Override
                public void cookie(String name, String value) {
                    cookies.add(name + "=" + value);
                }
            });
        } catch (RequestAuthentication.AuthenticationException e) {
            // The bench cannot present its credentials: a configuration error of the bench, like a missing input.
            throw new IllegalArgumentException("the bench's credentials (" + auth.scheme() + ") could not be had: "
                    + e.getMessage(), e);
        }
    }

    private static String render(BindingEntry entry, String name, ValueTemplate template, Map<String, ?> inputs) {
        try {
            return template.renderText(inputs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(entry.capability() + ": parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    /** One path segment with its {@code {name}} templates filled in; the URL builder escapes the value. */
    private static String fill(BindingEntry entry, ApiOperation op, String segment, Map<String, String> values) {
        Matcher m = TEMPLATE.matcher(segment);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(entry.capability() + ": path parameter '" + m.group(1) + "' of "
                        + op + " is not bound");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static JsonNode body(BindingEntry entry, ApiOperation op, Map<String, ?> inputs) {
        if (entry.requestBody().isEmpty()) {
            // A required JSON body without bound fields is sent as {}; no body otherwise.
            boolean required = op.requestBody().filter(b -> b.required() && b.json().isPresent()).isPresent();
            return required ? JsonNodeFactory.instance.objectNode() : null;
        }
        if (!entry.body().isEmpty()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            entry.body().forEach((field, template) -> {
                try {
                    body.set(field, template.render(inputs));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(entry.capability() + ": body field '" + field + "': "
                            + e.getMessage(), e);
                }
            });
            return body;
        }
        try {
            return entry.otherBody().orElseThrow().render(inputs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(entry.capability() + ": body: " + e.getMessage(), e);
        }
    }
}
