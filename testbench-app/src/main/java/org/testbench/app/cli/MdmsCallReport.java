package org.testbench.app.cli;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.CommandStates;
import org.testbench.mdms.client.CommandResult;
import org.testbench.mdms.client.FindingKind;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.MdmsResponse;
import org.testbench.mdms.client.ResponseFinding;

/**
 * One {@code testbench mdms} call as it is reported: the answer, the command followed after it, the keys
 * delivered, and every finding on the way. Envelopes of keys are never shown, only fingerprints.
 */
final class MdmsCallReport {

    /** A finding on the answer to the call itself, or (capability command.status) on a status query. */
    record Finding(Optional<Capability> capability, String type, String message) {
    }

    private final MdmsResponse response;
    private final Optional<JsonPointer> envelope;
    private final CommandStates states;
    private final Set<Finding> findings = new LinkedHashSet<>();
    private CommandResult command;
    private String ekFingerprint;
    private String akFingerprint;
    private String keysProblem;

    /**
     * @param envelope where a keys.get answer holds the key envelope, which is never shown
     * @param states   the binding's command states: a status is shown in the bench's words (PENDING, EXECUTED,
     *                 FAILED, UNKNOWN) beside the MDMS's own ({@code rawStatus})
     */
    MdmsCallReport(MdmsResponse response, Optional<JsonPointer> envelope, CommandStates states) {
        this.response = response;
        this.envelope = envelope;
        this.states = states;
        response.findings().forEach(f -> findings.add(new Finding(Optional.empty(), f.kind().name(), f.message())));
    }

    MdmsResponse response() {
        return response;
    }

    /** Told of every status answer while a command is followed (on an HTTP thread). */
    synchronized void poll(MdmsResponse status) {
        for (ResponseFinding f : status.findings()) {
            findings.add(new Finding(Optional.of(Capability.COMMAND_STATUS), f.kind().name(), f.message()));
        }
    }

    synchronized void command(CommandResult result) {
        this.command = result;
    }

    /**
     * An accepted command whose answer gives nothing to follow: whether the meter executed it cannot be
     * known (the client takes a 2xx without a command as executed; the bench does not).
     */
    synchronized void commandNotFollowable(JsonPointer commandId) {
        findings.add(new Finding(Optional.empty(), FindingKind.MISSING_VALUE.name(), "the answer accepts the command "
                + "but has no commandId at " + commandId + " to follow it by: whether the meter executed it cannot "
                + "be known"));
    }

    void keys(String ek, String ak) {
        this.ekFingerprint = ek;
        this.akFingerprint = ak;
    }

    void keysRefused(String problem) {
        this.keysProblem = problem;
    }

    /** No HTTP answer at all: the MDMS could not be reached (refused, reset, no route, TLS refused). */
    boolean unreachable() {
        return response.outcome() == MdmsOutcome.TRANSPORT && response.status() == 0;
    }

    synchronized boolean passed() {
        return response.isOk() && findings.isEmpty() && (command == null || command.executed()) && keysProblem == null;
    }

    /** Why it did not pass, in one line. */
    synchronized String failure() {
        if (!response.isOk()) {
            return response.capability() + ": " + response.outcome() + ": " + response.message();
        }
        if (command != null && !command.executed()) {
            return response.capability() + ": " + command.ending() + ": " + command.message();
        }
        if (keysProblem != null) {
            return keysProblem;
        }
        Finding first = findings.iterator().next();
        return response.capability() + ": " + findings.size() + (findings.size() == 1 ? " finding" : " findings")
                + ", first " + first.type() + ": " + first.message();
    }

    // ---- JSON -----------------------------------------------------------------------------------

    synchronized Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("capability", response.capability().id());
        m.put("operation", response.operation().toString());
        m.put("outcome", response.outcome().name());
        m.put("finalOutcome", finalOutcome());
        m.put("status", response.status());
        m.put("message", response.message());
        m.put("elapsedMs", response.timing().elapsed().toMillis());
        m.put("values", values());
        m.put("body", response.body().isMissingNode() ? null : body());
        m.put("findings", findings.stream().map(f -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", f.type());
            e.put("message", f.message());
            f.capability().ifPresent(c -> e.put("capability", c.id()));
            return e;
        }).toList());
        if (command != null) {
            m.put("command", commandJson());
        }
        if (response.capability() == Capability.KEYS_GET && response.isOk()) {
            Map<String, Object> keys = new LinkedHashMap<>();
            keys.put("delivered", keysProblem == null);
            keys.put("ekFingerprint", ekFingerprint);
            keys.put("akFingerprint", akFingerprint);
            keys.put("problem", keysProblem);
            m.put("keys", keys);
        }
        return m;
    }

    /**
     * What the command came to, not only its first call: the answer's outcome for a call, and for a followed
     * command its end (EXECUTED, FAILED, UNKNOWN_STATE, METER_UNREACHABLE, TIMEOUT, or the outcome of the
     * status query that failed).
     */
    private String finalOutcome() {
        if (command == null) {
            return response.outcome().name();
        }
        return switch (command.ending()) {
            case EXECUTED, FAILED, UNKNOWN_STATE, METER_UNREACHABLE -> command.ending().name();
            case DEADLINE_PASSED -> "TIMEOUT";
            case STATUS_QUERY_FAILED -> command.lastResponse().map(r -> r.outcome().name()).orElse("TRANSPORT");
            case NOT_ACCEPTED -> response.outcome().name();
        };
    }

    /**
     * The values the binding reads, a key envelope hidden; a command's {@code status} in the bench's words, with
     * the MDMS's own word beside it as {@code rawStatus}.
     */
    private Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        response.values().forEach((name, value) -> {
            if (name.equals("status") && value.isValueNode() && (response.capability().expectsCommand()
                    || response.capability() == Capability.COMMAND_STATUS)) {
                values.put("status", TextNode.valueOf(states.classify(value.asText()).name()));
                values.put("rawStatus", value);
            } else {
                values.put(name, shown(name, value));
            }
        });
        return values;
    }

    private Map<String, Object> commandJson() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", command.commandId());
        c.put("status", command.status().isEmpty() ? null : states.classify(command.status()).name());
        c.put("rawStatus", command.status().isEmpty() ? null : command.status());
        c.put("ending", command.ending().name());
        c.put("reasonCode", command.reasonCode().orElse(null));
        c.put("reasonMessage", command.reasonMessage().orElse(null));
        c.put("polls", command.polls());
        c.put("elapsedMs", command.elapsed().toMillis());
        c.put("message", command.message());
        c.put("lastStatus", command.lastResponse().map(r -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("outcome", r.outcome().name());
            s.put("status", r.status());
            s.put("body", r.body().isMissingNode() ? null : r.body());
            return s;
        }).orElse(null));
        return c;
    }

    /** The body as the MDMS sent it, but with a key envelope replaced by its length. */
    private JsonNode body() {
        JsonNode body = response.body();
        if (envelope.isEmpty() || !(body instanceof ObjectNode)) {
            return body;
        }
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        JsonPointer p = envelope.get();
        if (copy.at(p.head()) instanceof ObjectNode parent && p.last() != null) {
            String field = p.last().getMatchingProperty();
            if (parent.has(field)) {
                parent.put(field, hidden(parent.get(field)));
            }
        }
        return copy;
    }

    private static Object shown(String name, JsonNode value) {
        return name.equals("envelope") ? TextNode.valueOf(hidden(value)) : value;
    }

    private static String hidden(JsonNode value) {
        return "(" + (value == null ? 0 : value.asText().length()) + " characters, wrapped for the bench; not shown)";
    }

    // ---- text -----------------------------------------------------------------------------------

    void printCall(PrintWriter out) {
        out.printf("%s: %s, HTTP %s in %d ms (%s)%n", response.capability(), response.outcome(),
                response.status() == 0 ? "-" : Integer.toString(response.status()),
                response.timing().elapsed().toMillis(), response.operation());
        out.printf("  %s%n", response.message());
        values().forEach((name, value) -> out.printf("  %-20s %s%n", name, text(value)));
        if (ekFingerprint != null) {
            out.printf("  %-20s EK %s, AK %s%n", "keys delivered", ekFingerprint, akFingerprint);
        }
        if (keysProblem != null) {
            out.printf("  %-20s %s%n", "keys refused", keysProblem);
        }
        out.flush();
    }

    synchronized void printEnd(PrintWriter out) {
        if (command != null) {
            out.printf("  command %s: %s%s after %d %s in %d ms%n", command.commandId(), command.ending(),
                    command.status().isEmpty() ? "" : " (status " + states.classify(command.status())
                            + ", rawStatus " + command.status() + ")",
                    command.polls(), command.polls() == 1 ? "poll" : "polls", command.elapsed().toMillis());
            if (!command.executed()) {
                out.printf("  %s%n", command.message());
            }
        }
        if (findings.isEmpty()) {
            out.println("  no findings");
        }
        List<Finding> list = new ArrayList<>(findings);
        for (Finding f : list) {
            out.printf("  finding %s%s: %s%n", f.type(), f.capability().map(c -> " (" + c + ")").orElse(""), f.message());
        }
    }

    private static String text(Object value) {
        return value instanceof JsonNode node && node.isValueNode() ? node.asText() : String.valueOf(value);
    }
}
