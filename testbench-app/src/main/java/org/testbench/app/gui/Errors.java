package org.testbench.app.gui;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Turns a failure into one sentence for people: what went wrong, never a stack trace. */
public final class Errors {

    private Errors() {
    }

    public static String readable(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || t.getClass() == RuntimeException.class) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : oneLine(t.getMessage());
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return "File not found: " + message;
        }
        if (t instanceof AccessDeniedException) {
            return "Permission denied: " + message;
        }
        if (t instanceof java.net.ConnectException) {
            return "Cannot connect: " + (message.isEmpty() ? "connection refused" : message);
        }
        if (message.isEmpty()) {
            return "Unexpected " + t.getClass().getSimpleName() + " (see the log for details)";
        }
        // "cannot connect..." reads better capitalised; a message that starts with a file name keeps it as it is
        String firstWord = message.split("\\s", 2)[0];
        return firstWord.chars().allMatch(Character::isLetter)
                ? Character.toUpperCase(message.charAt(0)) + message.substring(1) : message;
    }

    private static String oneLine(String message) {
        return message.strip().lines().map(String::strip).collect(Collectors.joining(" "));
    }
}
