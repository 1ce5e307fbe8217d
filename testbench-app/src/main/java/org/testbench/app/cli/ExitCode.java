package org.testbench.app.cli;

/** The exit codes every command keeps to; scripts rely on them. */
final class ExitCode {

    /** Everything done, every verification passed. */
    static final int OK = 0;
    /** The command ran, and a verification failed (the system under test misbehaved). */
    static final int VERIFICATION_FAILED = 1;
    /** Bad input, or a device or file that could not be used: nothing was verified. */
    static final int ERROR = 2;

    private ExitCode() {
    }
}
