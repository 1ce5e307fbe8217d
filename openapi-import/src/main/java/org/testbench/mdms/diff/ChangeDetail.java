package org.testbench.mdms.diff;

import java.util.Objects;

/** One change within an endpoint, in a sentence: {@code new optional query parameter 'maxAge'}. */
public record ChangeDetail(Compatibility compatibility, String sentence) {

    public ChangeDetail {
        Objects.requireNonNull(compatibility, "compatibility");
        Objects.requireNonNull(sentence, "sentence");
    }

    @Override
    public String toString() {
        return compatibility + ": " + sentence;
    }
}
