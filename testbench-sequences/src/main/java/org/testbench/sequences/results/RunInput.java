package org.testbench.sequences.results;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * An input file a run used, as the results store keeps it: its kind, the name it had on the bench, the SHA-256
 * of its bytes and its text — or, when the text cannot be kept, why not.
 *
 * @param fileName the file as the bench named it (a path, or "built-in" for the virtual lab's meter profile)
 * @param content the file's text, whose UTF-8 bytes have {@code sha256}; empty when withheld
 * @param withheld why the content is not kept; empty when it is
 */
public record RunInput(InputKind kind, String fileName, Sha256 sha256, Optional<String> content,
        Optional<String> withheld) {

    static final int FILE_NAME_LENGTH = 1000;
    static final int REASON_LENGTH = 500;

    public RunInput {
        Objects.requireNonNull(kind, "kind");
        Checks.requireText(fileName, FILE_NAME_LENGTH, "input file name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(withheld, "withheld");
        if (content.isPresent() == withheld.isPresent()) {
            throw new IllegalArgumentException("input " + fileName + " needs either its content or why it is withheld");
        }
        content.ifPresent(text -> {
            if (!Sha256.ofUtf8(text).equals(sha256)) {
                throw new IllegalArgumentException("the content of input " + fileName + " does not have its SHA-256 "
                        + sha256);
            }
        });
        withheld.ifPresent(reason -> Checks.requireText(reason, REASON_LENGTH, "why input " + fileName
                + " is withheld"));
    }

    /** The file's bytes as read; kept as text when they are UTF-8, else listed as withheld with their hash. */
    public static RunInput of(InputKind kind, String fileName, byte[] bytes) {
        Sha256 sha256 = Sha256.of(bytes);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new RunInput(kind, fileName, sha256, Optional.of(text), Optional.empty());
        } catch (CharacterCodingException e) {
            return withheld(kind, fileName, sha256, "not UTF-8 text");
        }
    }

    /** A text input (its SHA-256 is that of its UTF-8 bytes). */
    public static RunInput ofText(InputKind kind, String fileName, String text) {
        return new RunInput(kind, fileName, Sha256.ofUtf8(text), Optional.of(text), Optional.empty());
    }

    public static RunInput withheld(InputKind kind, String fileName, Sha256 sha256, String reason) {
        return new RunInput(kind, fileName, sha256, Optional.empty(), Optional.of(reason));
    }

    /** The same input without its content, for this reason. */
    RunInput withhold(String reason) {
        return withheld(kind, fileName, sha256, reason);
    }

    @Override
    public String toString() {
        return "RunInput[" + kind.externalName() + " " + fileName + " " + sha256
                + withheld.map(w -> ", withheld: " + w).orElse("") + "]";
    }
}
