package org.testbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorsTests {

    @Test
    void theCauseIsToldInOneSentenceWithoutTheWrappers() {
        Exception wrapped = new ExecutionException(new RuntimeException(new IllegalStateException(
                "samples/x.yaml:3:5: unknown action\n  'foo'")));
        assertThat(Errors.readable(wrapped)).isEqualTo("samples/x.yaml:3:5: unknown action 'foo'");
    }

    @Test
    void aSentenceStartsWithACapital() {
        assertThat(Errors.readable(new IllegalArgumentException("no position selected"))).isEqualTo(
                "No position selected");
    }

    @Test
    void aMissingFileSaysSo() {
        assertThat(Errors.readable(new NoSuchFileException("/lab/bench.yaml"))).isEqualTo("File not found: /lab/bench.yaml");
    }

    @Test
    void aFailureWithoutMessageIsNamedNotDumped() {
        assertThat(Errors.readable(new NullPointerException())).isEqualTo(
                "Unexpected NullPointerException (see the log for details)");
    }
}
