package org.testbench.sequences.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value in a sequence that may refer to parameters and earlier results: {@code ${nominalCurrent}},
 * {@code ${identity.serial}}, {@code "meter ${identity.serial} at ${bench.current}"}. A template that is
 * exactly one reference keeps the referenced value's type (a quantity stays a quantity); anything else is
 * text. References are checked when the file is read (they must name a parameter or an earlier step)
 * and resolved when the step runs.
 */
public final class Template {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)}");

    private final String text;
    private final List<String> references;

    private Template(String text, List<String> references) {
        this.text = text;
        this.references = List.copyOf(references);
    }

    public static Template of(String text) {
        Objects.requireNonNull(text, "text");
        List<String> refs = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            refs.add(m.group(1));
        }
        return new Template(text, refs);
    }

    /** Text that may hold a malformed reference such as {@code ${ }} or an unclosed one. */
    public static String malformedReference(String text) {
        int at = text.indexOf("${");
        while (at >= 0) {
            int close = text.indexOf('}', at);
            if (close < 0 || !REFERENCE.matcher(text.substring(at, close + 1)).matches()) {
                return text.substring(at, close < 0 ? text.length() : close + 1);
            }
            at = text.indexOf("${", close);
        }
        return null;
    }

    public String text() {
        return text;
    }

    /** Dotted names referenced, e.g. {@code identity.serial}. */
    public List<String> references() {
        return references;
    }

    /** Exactly one reference and nothing else: the value keeps its type. */
    public boolean isSingleReference() {
        return references.size() == 1 && text.equals("${" + references.get(0) + "}");
    }

    public boolean isLiteral() {
        return references.isEmpty();
    }

    /** Resolves with a lookup of dotted names; the lookup throws for an unknown name. */
    public Object resolve(java.util.function.Function<String, Object> lookup) {
        if (isSingleReference()) {
            return lookup.apply(references.get(0));
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(lookup.apply(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
