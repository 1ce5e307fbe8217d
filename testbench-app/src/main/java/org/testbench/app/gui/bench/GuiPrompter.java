package org.testbench.app.gui.bench;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.testbench.sequences.engine.OperatorPrompter;
import org.testbench.sequences.language.Action.PromptKind;

/**
 * Operator prompts in a dialog. The engine's thread blocks on a future that the dialog completes; the
 * positions' questions come one at a time, in the order they were asked. An abort interrupts the
 * waiting thread: the open dialog closes and the step ends.
 */
public final class GuiPrompter implements OperatorPrompter {

    /** Shows a question; completes the future with the answer, or empty when declined. */
    public interface Presenter {
        void show(PromptRequest request, CompletableFuture<Optional<String>> answer);

        /** The question is no longer asked (the run was aborted). */
        void withdraw(PromptRequest request);
    }

    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final Consumer<Runnable> uiThread;
    private final Presenter presenter;
    private final BiConsumer<PromptRequest, String> answered;

    /**
     * @param answered told of each answer, for the log (never a secret: prompts ask for serials and confirmations)
     */
    public GuiPrompter(Consumer<Runnable> uiThread, Presenter presenter, BiConsumer<PromptRequest, String> answered) {
        this.uiThread = uiThread;
        this.presenter = presenter;
        this.answered = answered;
    }

    @Override
    public String ask(int position, PromptKind kind, String message) throws InterruptedException, PromptDeclinedException {
        PromptRequest request = new PromptRequest(position, kind, message);
        oneAtATime.lockInterruptibly();
        try {
            CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
            uiThread.accept(() -> presenter.show(request, answer));
            Optional<String> given;
            try {
                given = answer.get();
            } catch (InterruptedException e) {
                answer.complete(Optional.empty());
                uiThread.accept(() -> presenter.withdraw(request));
                throw e;
            } catch (ExecutionException e) {
                throw new PromptDeclinedException("the prompt failed: " + e.getCause().getMessage());
            }
            String value = given.map(String::strip).orElse("");
            if (given.isEmpty() || (request.needsValue() && value.isEmpty())) {
                answered.accept(request, "declined");
                throw new PromptDeclinedException(kind == PromptKind.CONFIRM ? "'" + message + "' answered no"
                        : "nothing entered for '" + message + "'");
            }
            answered.accept(request, kind == PromptKind.CONFIRM ? "confirmed" : value);
            return kind == PromptKind.CONFIRM ? "yes" : value;
        } finally {
            oneAtATime.unlock();
        }
    }
}
