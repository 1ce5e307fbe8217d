package org.testbench.sequences.yaml;

import java.io.StringReader;
import java.util.function.IntFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads the node tree of a YAML input file (sequence, bench.yaml), turning every way SnakeYAML refuses a text
 * into one located line: syntax errors at their mark, characters YAML does not allow (a control character from
 * a damaged copy) at the character, limits (aliases, size) at the start of the file.
 */
public final class YamlComposer {

    private YamlComposer() {
    }

    /**
     * @param hint what to add to a syntax error's message on a given line (1-based), "" for nothing
     * @return the document's root, or null for an empty document
     */
    public static Node compose(String file, String text, LoaderOptions options, IntFunction<String> hint)
            throws InputFileException {
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            throw new InputFileException(file, line, mark == null ? 1 : mark.getColumn() + 1,
                    "not valid YAML: " + oneLine(e.getProblem()) + hint.apply(line));
        } catch (ReaderException e) {
            Location at = locate(file, text, e.getPosition());
            throw new InputFileException(file, at.line(), at.column(), "not valid YAML: the character "
                    + String.format("U+%04X", e.getCodePoint()) + " is not allowed in a YAML file");
        } catch (YAMLException e) {
            throw new InputFileException(file, 1, 1, "not valid YAML: " + oneLine(e.getMessage()));
        }
    }

    /** Line and column (1-based, in characters) of the {@code index}-th code point of {@code text}. */
    static Location locate(String file, String text, int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < index; i = text.offsetByCodePoints(i, 1), seen++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Location(file, line, column);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
