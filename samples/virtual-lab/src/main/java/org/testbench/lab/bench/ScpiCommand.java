package org.testbench.lab.bench;

import java.util.Objects;

/**
 * One command of the instrument: a header, whether it is the query form, and what it does.
 * A setting and its query are two commands ({@code SOURce:VOLTage} and {@code SOURce:VOLTage?}).
 */
final class ScpiCommand {

    /** Carries out a query and returns its reply line (without the LF). */
    @FunctionalInterface
    interface QueryHandler {
        String reply(ScpiParameters parameters) throws ScpiCommandException;
    }

    /** Carries out a setting; a setting gets no reply. */
    @FunctionalInterface
    interface SettingHandler {
        void apply(ScpiParameters parameters) throws ScpiCommandException;
    }

    private final ScpiHeader header;
    private final boolean query;
    private final QueryHandler handler;

    private ScpiCommand(ScpiHeader header, boolean query, QueryHandler handler) {
        this.header = header;
        this.query = query;
        this.handler = handler;
    }

    /** A query, e.g. {@code query("SOURce:VOLTage", ...)} answers {@code SOUR:VOLT?}. */
    static ScpiCommand query(String notation, QueryHandler handler) {
        return new ScpiCommand(ScpiHeader.of(notation), true, Objects.requireNonNull(handler, "handler"));
    }

    static ScpiCommand setting(String notation, SettingHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return new ScpiCommand(ScpiHeader.of(notation), false, parameters -> {
            handler.apply(parameters);
            return null;
        });
    }

    /** True if the client's header (with its {@code ?}, if any) names this command. */
    boolean matches(String writtenHeader) {
        boolean writtenAsQuery = writtenHeader.endsWith("?");
        String path = writtenAsQuery ? writtenHeader.substring(0, writtenHeader.length() - 1) : writtenHeader;
        return writtenAsQuery == query && header.matches(path);
    }

    boolean isQuery() {
        return query;
    }

    /** The reply of a query; null for a setting. */
    String execute(String parameterText) throws ScpiCommandException {
        return handler.reply(ScpiParameters.parse(name(), parameterText));
    }

    /** The long form, as error messages name the command: {@code SOURce:VOLTage?}. */
    String name() {
        return header + (query ? "?" : "");
    }

    @Override
    public String toString() {
        return name();
    }
}
