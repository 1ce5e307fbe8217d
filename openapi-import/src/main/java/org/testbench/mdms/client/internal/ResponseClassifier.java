package org.testbench.mdms.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.testbench.mdms.binding.ErrorPattern;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.ApiResponse;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.catalog.ResponseStatus;
import org.testbench.mdms.client.FindingKind;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.ResponseFinding;
import org.testbench.mdms.internal.ErrorBodies;

/**
 * Decides the outcome of an answer and what is wrong with it. The status class decides the outcome,
 * except that the binding's "meter unreachable" patterns win over everything: an MDMS that says so in
 * a 500, or even a 200, is still saying the meter could not be reached. The binding's "not found" rules
 * say which answers mean "no such meter" (a 404 when it gives none): such an answer is
 * {@link MdmsOutcome#REJECTED}, whatever its status, so that a search API's {@code 200} with no item
 * is told apart from a record.
 */
public final class ResponseClassifier {

    /** Codes and words that say the request was at fault. */
    private static final Pattern BLAMES_REQUEST = Pattern.compile("(?i)(bad.?request|invalid|validation|missing"
            + "|required|not.?found|unknown|malformed|must (be|not)|not allowed|unauthori[sz]ed|forbidden|conflict)");
    /** Words that say the server was at fault. */
    private static final Pattern BLAMES_SERVER = Pattern.compile("(?i)(internal|exception|null.?pointer|stack.?trace"
            + "|database|sql|server error|unavailable|segmentation)");

    /** @param notFound the answer means "no such meter" (or whatever the capability looked up) */
    public record Classification(MdmsOutcome outcome, List<ResponseFinding> findings, String message,
                                 boolean notFound) {
        Classification(MdmsOutcome outcome, List<ResponseFinding> findings, String message) {
            this(outcome, findings, message, false);
        }
    }

    private ResponseClassifier() {
    }

    /** Words of an error that is about the credentials, for a 403 (a 401 always is). */
    private static final Pattern ABOUT_CREDENTIALS = Pattern.compile("(?i)(token|credential|api.?key|scope|"
            + "authenticat|unauthori[sz]ed|signature|expired|client.?id|certificate)");

    public static Classification classify(ApiOperation op, int status, BodyReader.Body body, List<ErrorPattern> unreachable,
                                          Optional<String> location) {
        return classify(op, status, body, unreachable, location, Optional.empty(), "no credentials");
    }

    public static Classification classify(ApiOperation op, int status, BodyReader.Body body, List<ErrorPattern> unreachable,
                                          Optional<String> location, Optional<String> wwwAuthenticate, String scheme) {
        return classify(op, status, body, unreachable, List.of(ErrorPattern.status(404)), location, wwwAuthenticate,
                scheme);
    }

    /**
     * @param wwwAuthenticate the answer's {@code WWW-Authenticate} header
     * @param scheme          the bench's authentication in words, for the message of a refusal
     * @param notFound        the answers that mean "no such meter" (the binding entry's)
     */
    public static Classification classify(ApiOperation op, int status, BodyReader.Body body, List<ErrorPattern> unreachable,
                                          List<ErrorPattern> notFound, Optional<String> location,
                                          Optional<String> wwwAuthenticate, String scheme) {
        List<ResponseFinding> findings = new ArrayList<>();
        JsonNode json = body.json();
        String name = op.name();
        if (!op.documents(status)) {
            String documented = op.responses().keySet().stream().map(ResponseStatus::key).collect(Collectors.joining(", "));
            findings.add(new ResponseFinding(FindingKind.UNDOCUMENTED_STATUS, status + " is not documented for " + name
                    + (op.responses().containsKey(ResponseStatus.DEFAULT) ? " (only 'default' covers it)" : "")
                    + " (documented: " + (documented.isEmpty() ? "nothing" : documented) + ")"));
        }
        boolean notJson = body.kind() != BodyReader.Kind.JSON && body.kind() != BodyReader.Kind.EMPTY;
        if (notJson) {
            findings.add(new ResponseFinding(FindingKind.NOT_JSON, name + " answered " + status + " with "
                    + body.problem() + " instead of JSON"));
        }
        Optional<String> errorMessage = ErrorBodies.message(json);
        String said = describeError(json, errorMessage);
        int statusClass = status / 100;
        boolean meterUnreachable = unreachable.stream().anyMatch(p -> p.test(status, json, body.text()));
        if (statusClass == 2) {
            errorInSuccess(op, status, json).ifPresent(findings::add);
        }
        if (statusClass == 4 || statusClass == 5) {
            errorQuality(status, body, json, errorMessage, said).forEach(findings::add);
        }
        if (status == 401 || status == 403 && (wwwAuthenticate.isPresent()
                || ABOUT_CREDENTIALS.matcher(said.isEmpty() ? body.text() : said).find())) {
            String documented = op.security().stream().flatMap(r -> r.schemes().keySet().stream()).distinct()
                    .collect(Collectors.joining(" or "));
            return new Classification(MdmsOutcome.CREDENTIALS_REFUSED, findings, name + ": the MDMS refused the bench's"
                    + " credentials (" + status + (said.isEmpty() ? "" : " " + said) + "); the bench sent " + scheme
                    + (documented.isEmpty() ? "" : ", the operation documents " + documented)
                    + wwwAuthenticate.map(w -> " (WWW-Authenticate: " + w + ")").orElse("")
                    + ": check the MDMS credentials in the bench's configuration");
        }
        if (meterUnreachable) {
            return new Classification(MdmsOutcome.METER_UNREACHABLE, findings, name + ": the MDMS reports the meter"
                    + " unreachable (" + status + (said.isEmpty() ? "" : " " + said) + ")");
        }
        boolean absent = notFound.stream().anyMatch(p -> p.test(status, json, body.text()));
        if (absent && statusClass != 4) {
            return new Classification(MdmsOutcome.REJECTED, findings, name + " answered " + status + ", which the"
                    + " binding reads as 'not found'" + (said.isEmpty() ? "" : ": " + said), true);
        }
        return switch (statusClass) {
            case 2 -> notJson && expectsJson(op, status)
                    ? new Classification(MdmsOutcome.MALFORMED, findings, name + " answered " + status + " with "
                    + body.problem() + " instead of the documented JSON")
                    : new Classification(MdmsOutcome.OK, findings, name + " answered " + status);
            case 4 -> new Classification(MdmsOutcome.REJECTED, findings, name + " refused the request with " + status
                    + (said.isEmpty() ? " and no message" : ": " + said), absent);
            case 5 -> new Classification(MdmsOutcome.SERVER_ERROR, findings, name + " failed with " + status
                    + (said.isEmpty() ? " and no message" : ": " + said));
            case 3 -> new Classification(MdmsOutcome.TRANSPORT, findings, name + " answered " + status + " (redirect"
                    + location.map(l -> " to " + l).orElse("") + "); the client does not follow redirects");
            default -> new Classification(MdmsOutcome.TRANSPORT, findings, name + " answered an unexpected " + status);
        };
    }

    private static boolean expectsJson(ApiOperation op, int status) {
        return op.responseFor(status).map(r -> r.json().isPresent()).orElse(true);
    }

    /** {@code METER_NOT_FOUND: Unknown meter}, from the usual fields. */
    private static String describeError(JsonNode json, Optional<String> message) {
        String code = "";
        if (json != null && json.isObject()) {
            for (String field : new String[] {"code", "errorCode", "error_code", "error"}) {
                JsonNode value = json.get(field);
                if (value != null && value.isValueNode() && !value.isNull() && !value.asText().equals(message.orElse(null))) {
                    code = value.asText();
                    break;
                }
            }
        }
        if (code.isEmpty()) {
            return message.orElse("");
        }
        String found = code;
        return message.map(m -> found + ": " + m).orElse(found);
    }

    private static List<ResponseFinding> errorQuality(int status, BodyReader.Body body, JsonNode json,
                                                      Optional<String> message, String said) {
        List<ResponseFinding> findings = new ArrayList<>();
        if (message.isEmpty()) {
            String seen = switch (body.kind()) {
                case EMPTY -> "the body is empty";
                case JSON -> "the body has no message field: " + abbreviate(json.toString());
                default -> "the body is " + body.problem();
            };
            findings.add(new ResponseFinding(FindingKind.UNCLEAR_ERROR, status + " without a usable message: " + seen));
        }
        if (status / 100 == 5 && !said.isEmpty() && BLAMES_REQUEST.matcher(said).find()) {
            findings.add(new ResponseFinding(FindingKind.WRONG_STATUS_CLASS, status + " (a server fault) but the body"
                    + " blames the request: '" + said + "'; a 4xx was due"));
        }
        if (status / 100 == 4 && !said.isEmpty() && BLAMES_SERVER.matcher(said).find()) {
            findings.add(new ResponseFinding(FindingKind.WRONG_STATUS_CLASS, status + " (a bad request) but the body"
                    + " reports a server fault: '" + said + "'; a 5xx was due"));
        }
        return findings;
    }

    /**
     * A 2xx whose body says "error": an {@code error}/{@code errors} member, {@code success: false}, or a
     * code and message, where the documented success schema has no such property.
     */
    private static Optional<ResponseFinding> errorInSuccess(ApiOperation op, int status, JsonNode json) {
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        Optional<ApiSchema> schema = op.responseFor(status).flatMap(ApiResponse::schema);
        java.util.Set<String> documented = schema.map(ApiSchema::propertyNames).orElse(java.util.Set.of());
        for (String field : new String[] {"error", "errors", "fault"}) {
            JsonNode value = json.get(field);
            if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())
                    && !documented.contains(field)) {
                return Optional.of(new ResponseFinding(FindingKind.ERROR_IN_SUCCESS, status + " but the body reports"
                        + " an error: " + abbreviate(json.toString())));
            }
        }
        for (String field : new String[] {"success", "ok"}) {
            JsonNode value = json.get(field);
            if (value != null && value.isBoolean() && !value.booleanValue()) {
                return Optional.of(new ResponseFinding(FindingKind.ERROR_IN_SUCCESS, status + " but the body says "
                        + field + ": false: " + abbreviate(json.toString())));
            }
        }
        boolean looksLikeError = json.has("code") && ErrorBodies.message(json).isPresent()
                && !documented.contains("code") && documented.stream().noneMatch(ErrorBodies::isMessageField);
        if (looksLikeError && schema.isPresent()) {
            return Optional.of(new ResponseFinding(FindingKind.ERROR_IN_SUCCESS, status + " but the body is an error"
                    + " (code and message, not the documented " + schema.get() + "): " + abbreviate(json.toString())));
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
