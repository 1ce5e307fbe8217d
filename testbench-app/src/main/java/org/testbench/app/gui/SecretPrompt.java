package org.testbench.app.gui;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * A secret a run needs (the meter keystore's password, the MDMS token): from its environment variable, as
 * on the command line, or else asked for in a password dialog. Called off the UI thread, which it waits for.
 */
public final class SecretPrompt {

    private final Window owner;

    public SecretPrompt(Window owner) {
        this.owner = owner;
    }

    /**
     * @throws IllegalStateException when the dialog is cancelled: the run cannot go on without it
     */
    public char[] get(String variable, String question, String label) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        CompletableFuture<Optional<char[]>> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(PasswordDialog.ask(owner, question, label, "OK"));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get().orElseThrow(() -> new IllegalStateException("no " + label.replace(":", "").toLowerCase(
                    java.util.Locale.ROOT) + " given (or set " + variable + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for a secret");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
