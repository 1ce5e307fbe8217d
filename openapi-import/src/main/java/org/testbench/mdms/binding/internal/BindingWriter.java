package org.testbench.mdms.binding.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.CommandStates;
import org.testbench.mdms.binding.ErrorPattern;
import org.testbench.mdms.binding.InputRule;
import org.testbench.mdms.binding.ValueSource;
import org.testbench.mdms.binding.ValueTemplate;

/**
 * Writes a binding in its file format. Written by hand rather than through a YAML library so that
 * each entry can carry a comment (why it was suggested) and the layout stays the one in docs/binding.md.
 */
public final class BindingWriter {

    private static final Set<String> YAML_WORDS = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

    private BindingWriter() {
    }

    /** @param comments a comment line to put above each capability's entry */
    public static String write(Binding binding, Map<Capability, String> comments) {
        StringBuilder b = new StringBuilder();
        b.append("# Testbench binding (docs/binding.md): which MDMS operation carries out each bench capability.\n");
        b.append("binding: ").append(binding.format()).append('\n');
        if (!binding.apiTitle().isEmpty() || !binding.apiVersion().isEmpty()) {
            b.append("api:\n");
            b.append("  title: ").append(scalar(binding.apiTitle())).append('\n');
            b.append("  version: ").append(scalar(binding.apiVersion())).append('\n');
        }
        binding.spec().ifPresent(spec -> b.append("spec: ")
                .append(scalar(spec.toString().replace(java.io.File.separatorChar, '/'))).append('\n'));
        if (!binding.inputs().isEmpty()) {
            b.append("inputs:\n");
            binding.inputs().values().forEach(rule -> b.append("  ").append(key(rule.name())).append(": ")
                    .append(input(rule)).append('\n'));
        }
        if (!binding.defaultMeterUnreachable().isEmpty()) {
            b.append("defaults:\n  meterUnreachable:\n");
            patterns(b, binding.defaultMeterUnreachable(), "    ");
        }
        b.append("capabilities:\n");
        for (Capability capability : Capability.values()) {
            String comment = comments.get(capability);
            BindingEntry entry = binding.entry(capability).orElse(null);
            if (entry == null) {
                if (comment != null) {
                    b.append("  # ").append(capability).append(": ").append(comment).append('\n');
                }
                continue;
            }
            if (comment != null) {
                b.append("  # ").append(comment).append('\n');
            }
            entry(b, entry);
        }
        return b.toString();
    }

    private static void entry(StringBuilder b, BindingEntry entry) {
        b.append("  ").append(entry.capability().id()).append(":\n");
        b.append("    operation: ").append(scalar(entry.operation().toString())).append('\n');
        templates(b, "parameters", entry.parameters());
        if (entry.fitsFormat1()) {
            templates(b, "body", entry.body());
        } else {
            entry.requestBody().ifPresent(body -> b.append("    body: ").append(flow(body)).append('\n'));
        }
        if (!entry.sources().isEmpty()) {
            b.append("    values:\n");
            entry.sources().forEach((name, source) -> b.append("      ").append(key(name)).append(": ")
                    .append(source(source)).append('\n'));
        }
        if (entry.asynchronous()) {
            b.append("    async: true\n");
        }
        entry.states().ifPresent(states -> states(b, states));
        if (!entry.meterUnreachable().isEmpty()) {
            b.append("    meterUnreachable:\n");
            patterns(b, entry.meterUnreachable(), "      ");
        }
        if (!entry.notFound().isEmpty()) {
            b.append("    notFound:\n");
            patterns(b, entry.notFound(), "      ");
        }
    }

    private static void templates(StringBuilder b, String section, Map<String, ValueTemplate> values) {
        if (values.isEmpty()) {
            return;
        }
        b.append("    ").append(section).append(":\n");
        values.forEach((name, value) -> b.append("      ").append(key(name)).append(": ").append(template(value)).append('\n'));
    }

    private static String template(ValueTemplate value) {
        if (value.isLiteral() && !value.literalValue().isTextual()) {
            return value.literalValue().toString();
        }
        return scalar(value.toString());
    }

    /** A format-2 body in YAML's flow style (JSON), placeholders in its texts. */
    private static String flow(ValueTemplate value) {
        if (value.fields().isPresent()) {
            StringBuilder b = new StringBuilder("{");
            value.fields().get().forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(quoted(k)).append(": ")
                    .append(flow(v)));
            return b.append('}').toString();
        }
        if (value.elements().isPresent()) {
            return "[" + String.join(", ", value.elements().get().stream().map(BindingWriter::flow).toList()) + "]";
        }
        if (value.isLiteral() && !value.literalValue().isTextual()) {
            return value.literalValue().toString();
        }
        return quoted(value.toString());
    }

    private static String source(ValueSource source) {
        if (source.isPlainPointer()) {
            return scalar(source.pointer().get().toString());
        }
        List<String> parts = new java.util.ArrayList<>();
        source.pointer().ifPresent(p -> parts.add("pointer: " + quoted(p.toString())));
        if (source.selects()) {
            parts.add("where: {" + String.join(", ", source.where().entrySet().stream()
                    .map(e -> quoted(e.getKey().toString()) + ": " + flow(e.getValue())).toList()) + "}");
        }
        source.item().ifPresent(p -> parts.add("item: " + quoted(p.toString())));
        source.header().ifPresent(h -> parts.add("header: " + quoted(h)));
        source.literal().ifPresent(l -> parts.add("literal: " + (l.isTextual() ? quoted(l.asText()) : l.toString())));
        source.matches().ifPresent(m -> parts.add("matches: " + quoted(m.pattern())));
        if (!source.map().isEmpty()) {
            parts.add("map: {" + String.join(", ", source.map().entrySet().stream()
                    .map(e -> quoted(e.getKey()) + ": " + quoted(e.getValue())).toList()) + "}");
        }
        source.scale().ifPresent(f -> parts.add("scale: " + f.toPlainString()));
        return "{" + String.join(", ", parts) + "}";
    }

    private static String input(InputRule rule) {
        List<String> parts = new java.util.ArrayList<>();
        if (rule.from().isPresent()) {
            parts.add("from: " + rule.from().get().id());
            parts.add("value: " + quoted(rule.value()));
        }
        rule.obis().ifPresent(o -> parts.add("obis: " + quoted(o.written())));
        rule.date().ifPresent(d -> parts.add("date: " + quoted(d)));
        if (!rule.zone().equals(java.time.ZoneOffset.UTC)) {
            parts.add("zone: " + quoted(rule.zone().getId()));
        }
        rule.textCase().ifPresent(c -> parts.add("case: " + c.name().toLowerCase(Locale.ROOT)));
        if (rule.pad() > 0) {
            parts.add("pad: " + rule.pad());
            parts.add("padWith: " + quoted(rule.padWith()));
        }
        if (!rule.prefix().isEmpty()) {
            parts.add("prefix: " + quoted(rule.prefix()));
        }
        if (!rule.suffix().isEmpty()) {
            parts.add("suffix: " + quoted(rule.suffix()));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private static void states(StringBuilder b, CommandStates states) {
        b.append("    states:\n");
        b.append("      pending: ").append(list(states.pending())).append('\n');
        b.append("      executed: ").append(list(states.executed())).append('\n');
        b.append("      failed: ").append(list(states.failed())).append('\n');
    }

    private static String list(Set<String> values) {
        return "[" + String.join(", ", values.stream().map(BindingWriter::scalar).toList()) + "]";
    }

    private static void patterns(StringBuilder b, List<ErrorPattern> patterns, String indent) {
        for (ErrorPattern p : patterns) {
            String lead = indent + "- ";
            if (!p.statuses().isEmpty()) {
                String statuses = p.statuses().size() == 1 ? status(p.statuses().get(0).key())
                        : "[" + String.join(", ", p.statuses().stream().map(s -> status(s.key())).toList()) + "]";
                b.append(lead).append("status: ").append(statuses).append('\n');
                lead = indent + "  ";
            }
            if (p.pointer().isPresent()) {
                b.append(lead).append("pointer: ").append(scalar(p.pointer().get().toString())).append('\n');
                lead = indent + "  ";
            }
            if (p.equalsValue().isPresent()) {
                b.append(lead).append("equals: ").append(scalar(p.equalsValue().get())).append('\n');
                lead = indent + "  ";
            }
            if (p.regex().isPresent()) {
                b.append(lead).append("matches: ").append(quoted(p.regex().get())).append('\n');
            }
            if (p.empty()) {
                b.append(lead).append("empty: true\n");
            }
        }
    }

    private static String status(String key) {
        return key.chars().allMatch(Character::isDigit) ? key : quoted(key);
    }

    private static String key(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_.-]*") ? name : quoted(name);
    }

    /** Plain when it cannot be misread (no YAML indicator, not a boolean or number), else double-quoted. */
    static String scalar(String text) {
        boolean plain = text.matches("[A-Za-z_/][A-Za-z0-9_./-]*")
                && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT));
        return plain ? text : quoted(text);
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
