package org.testbench.lab.mdms.store;

/** What a command does; commands of the same {@link Kind} on one meter may not overlap. */
public enum CommandType {
    LOAD_SWITCH_OPEN(Kind.LOAD_SWITCH),
    LOAD_SWITCH_CLOSE(Kind.LOAD_SWITCH),
    BILLING_NEW_PERIOD(Kind.BILLING),
    DISPLAY_MESSAGE(Kind.DISPLAY);

    /** Groups of commands that act on the same part of the meter. */
    public enum Kind {
        LOAD_SWITCH("load-switch"),
        BILLING("billing"),
        DISPLAY("display");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** For messages: "a load-switch command". */
        public String label() {
            return label;
        }
    }

    private final Kind kind;

    CommandType(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
