package org.testbench.app.gui.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testbench.sequences.engine.OperatorPrompter.PromptDeclinedException;
import org.testbench.sequences.language.Action.PromptKind;

/** The engine's thread waits for the dialog's answer; positions ask one at a time; an abort withdraws the question. */
class GuiPrompterTests {

    private record Shown(PromptRequest request, CompletableFuture<Optional<String>> answer) {
    }

    private final BlockingQueue<Shown> shown = new LinkedBlockingQueue<>();
    private final List<PromptRequest> withdrawn = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private final ExecutorService engine = Executors.newCachedThreadPool();
    private final GuiPrompter prompter = new GuiPrompter(Runnable::run, new GuiPrompter.Presenter() {
        @Override
        public void show(PromptRequest request, CompletableFuture<Optional<String>> answer) {
            shown.add(new Shown(request, answer));
        }

        @Override
        public void withdraw(PromptRequest request) {
            synchronized (withdrawn) {
                withdrawn.add(request);
            }
        }
    }, (request, answer) -> {
        synchronized (answers) {
            answers.add(request.position() + ":" + answer);
        }
    });

    @AfterEach
    void stop() {
        engine.shutdownNow();
    }

    @Test
    void aScannedSerialIsTheAnswerWithoutItsSurroundingBlanks() throws Exception {
        Future<String> asked = engine.submit(() -> prompter.ask(3, PromptKind.SCAN, "Scan the nameplate"));
        Shown dialog = shown.poll(5, TimeUnit.SECONDS);
        assertThat(dialog.request()).isEqualTo(new PromptRequest(3, PromptKind.SCAN, "Scan the nameplate"));
        assertThat(asked.isDone()).isFalse();

        dialog.answer().complete(Optional.of(" 26000003\n"));

        assertThat(asked.get(5, TimeUnit.SECONDS)).isEqualTo("26000003");
        assertThat(answers).containsExactly("3:26000003");
    }

    @Test
    void cancellingOrAnsweringNothingDeclines() throws Exception {
        Future<String> confirm = engine.submit(() -> prompter.ask(1, PromptKind.CONFIRM, "Meter mounted?"));
        shown.poll(5, TimeUnit.SECONDS).answer().complete(Optional.empty());
        assertThatThrownBy(() -> confirm.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(PromptDeclinedException.class)
                .hasMessageContaining("'Meter mounted?' answered no");

        Future<String> enter = engine.submit(() -> prompter.ask(1, PromptKind.ENTER, "Firmware on the label"));
        shown.poll(5, TimeUnit.SECONDS).answer().complete(Optional.of("   "));
        assertThatThrownBy(() -> enter.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(PromptDeclinedException.class)
                .hasMessageContaining("nothing entered for 'Firmware on the label'");
    }

    @Test
    void positionsAskOneAtATimeInTurn() throws Exception {
        Future<String> one = engine.submit(() -> prompter.ask(1, PromptKind.CONFIRM, "Mounted?"));
        Shown first = shown.poll(5, TimeUnit.SECONDS);
        Future<String> two = engine.submit(() -> prompter.ask(2, PromptKind.CONFIRM, "Mounted?"));

        assertThat(shown.poll(300, TimeUnit.MILLISECONDS)).as("a second dialog while the first is open").isNull();
        first.answer().complete(Optional.of("yes"));
        assertThat(one.get(5, TimeUnit.SECONDS)).isEqualTo("yes");

        Shown second = shown.poll(5, TimeUnit.SECONDS);
        assertThat(second.request().position()).isEqualTo(2);
        second.answer().complete(Optional.of("yes"));
        assertThat(two.get(5, TimeUnit.SECONDS)).isEqualTo("yes");
    }

    @Test
    void anAbortWithdrawsTheOpenQuestion() throws Exception {
        Future<String> asked = engine.submit(() -> prompter.ask(4, PromptKind.SCAN, "Scan"));
        Shown dialog = shown.poll(5, TimeUnit.SECONDS);

        asked.cancel(true); // the engine interrupts the position's thread

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (withdrawn.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        synchronized (withdrawn) {
            assertThat(withdrawn).containsExactly(dialog.request());
        }
        assertThat(dialog.answer().isDone()).isTrue();
    }
}
