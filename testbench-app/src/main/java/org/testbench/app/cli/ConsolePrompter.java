package org.testbench.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.testbench.sequences.engine.OperatorPrompter;
import org.testbench.sequences.language.Action.PromptKind;

/**
 * Operator prompts on the terminal, one at a time (positions queue up): a confirmation is Enter (or
 * "n" to decline), a value is typed or scanned — a barcode scanner types and presses Enter.
 */
final class ConsolePrompter implements OperatorPrompter {

    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final PrintWriter out;

    ConsolePrompter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized String ask(int position, PromptKind kind, String message)
            throws InterruptedException, PromptDeclinedException {
        out.printf("pos %3d  %s %s ", position, message, kind == PromptKind.CONFIRM ? "[Enter = yes, n = no]" : ">");
        out.flush();
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            throw new PromptDeclinedException("cannot read the answer: " + e.getMessage());
        }
        if (line == null) {
            throw new PromptDeclinedException("no operator input (standard input is closed)");
        }
        if (kind == PromptKind.CONFIRM && line.strip().equalsIgnoreCase("n")) {
            throw new PromptDeclinedException("'" + message + "' answered no");
        }
        if (kind != PromptKind.CONFIRM && line.isBlank()) {
            throw new PromptDeclinedException("nothing entered for '" + message + "'");
        }
        return kind == PromptKind.CONFIRM ? "yes" : line.strip();
    }
}
