package org.testbench.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScpiErrorQueueTests {

    private final ScpiErrorQueue queue = new ScpiErrorQueue();

    @Test
    void answersNoErrorWhenEmpty() {
        assertThat(queue.next()).isEqualTo("0,\"No error\"");
    }

    @Test
    void returnsErrorsOldestFirst() {
        queue.add(ScpiError.of(ScpiErrorCode.UNDEFINED_HEADER, "FOO"));
        queue.add(ScpiError.of(ScpiErrorCode.MISSING_PARAMETER, ""));
        assertThat(queue.next()).isEqualTo("-113,\"Undefined header; FOO\"");
        assertThat(queue.next()).isEqualTo("-109,\"Missing parameter\"");
        assertThat(queue.next()).isEqualTo("0,\"No error\"");
    }

    @Test
    void replacesTheNewestEntryWithOverflowWhenFull() {
        for (int i = 0; i < ScpiErrorQueue.CAPACITY + 5; i++) {
            queue.add(ScpiError.of(ScpiErrorCode.COMMAND_ERROR, "error " + i));
        }
        assertThat(queue.size()).isEqualTo(ScpiErrorQueue.CAPACITY);
        for (int i = 0; i < ScpiErrorQueue.CAPACITY - 1; i++) {
            assertThat(queue.next()).isEqualTo("-100,\"Command error; error " + i + "\"");
        }
        assertThat(queue.next()).isEqualTo("-350,\"Queue overflow\"");
        assertThat(queue.next()).isEqualTo("0,\"No error\"");
    }

    @Test
    void acceptsNewErrorsOnceReadAfterAnOverflow() {
        for (int i = 0; i < ScpiErrorQueue.CAPACITY + 1; i++) {
            queue.add(ScpiError.of(ScpiErrorCode.COMMAND_ERROR, "old"));
        }
        queue.next();
        queue.add(ScpiError.of(ScpiErrorCode.UNDEFINED_HEADER, "NEW"));
        assertThat(queue.size()).isEqualTo(ScpiErrorQueue.CAPACITY);
        queue.clear();
        assertThat(queue.next()).isEqualTo("0,\"No error\"");
    }

    @Test
    void keepsMessagesQuotableAndShort() {
        ScpiError error = ScpiError.of(ScpiErrorCode.COMMAND_ERROR, "got \"x\"\u0007" + "y".repeat(400));
        assertThat(error.toReply()).startsWith("-100,\"Command error; got 'x'?yyy").endsWith("...\"");
        assertThat(error.message()).hasSize(255);
        assertThat(error.toReply().chars().filter(c -> c == '"').count()).isEqualTo(2);
    }
}
