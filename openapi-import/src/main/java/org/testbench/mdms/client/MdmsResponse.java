package org.testbench.mdms.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.OperationKey;

/**
 * The MDMS's answer to one capability call, classified.
 *
 * @param operation the operation called, as documented ({@code POST /meters/{serial}/keys})
 * @param status    the HTTP status, 0 when no answer came
 * @param body      the JSON body; {@link MissingNode} when there was none or it was not JSON
 * @param values    the binding's values found in the body, by name
 * @param inputs    the values the call was made with (the caller's, not credentials), for follow-up calls
 * @param message   one sentence for people: what happened
 * @param notFound  the answer means "no such meter", as the binding recognises it (a 404 by default, or e.g. a
 *                  search with no item): the outcome is then {@link MdmsOutcome#REJECTED}, whatever the status
 */
public record MdmsResponse(Capability capability, OperationKey operation, MdmsOutcome outcome, int status,
                           JsonNode body, Map<String, JsonNode> values, Map<String, Object> inputs, Timing timing,
                           Evidence evidence, List<ResponseFinding> findings, String message, boolean notFound) {

    public MdmsResponse {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
        body = body == null ? MissingNode.getInstance() : body;
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(evidence, "evidence");
        findings = List.copyOf(findings);
        Objects.requireNonNull(message, "message");
    }

    /** An answer that does not say "no such meter". */
    public MdmsResponse(Capability capability, OperationKey operation, MdmsOutcome outcome, int status, JsonNode body,
                        Map<String, JsonNode> values, Map<String, Object> inputs, Timing timing, Evidence evidence,
                        List<ResponseFinding> findings, String message) {
        this(capability, operation, outcome, status, body, values, inputs, timing, evidence, findings, message, false);
    }

    public boolean isOk() {
        return outcome == MdmsOutcome.OK;
    }

    public Optional<JsonNode> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A value as text; empty when missing or null. */
    public Optional<String> text(String name) {
        return value(name).filter(v -> !v.isNull() && !v.isMissingNode()).map(JsonNode::asText);
    }

    /** An accepted command that can be followed: the answer names its id or a status URL. */
    public boolean isFollowable() {
        return text("commandId").isPresent() || text("statusUrl").isPresent();
    }

    public boolean has(FindingKind kind) {
        return findings.stream().anyMatch(f -> f.kind() == kind);
    }

    public List<ResponseFinding> findings(FindingKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    @Override
    public String toString() {
        return outcome + " " + message;
    }
}
