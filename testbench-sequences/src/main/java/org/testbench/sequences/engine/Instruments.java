package org.testbench.sequences.engine;

import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;

/**
 * What every position of a run shares: the bench (one conversation at a time), the meter keys, the
 * MDMS, and the operator. A sequence that needs an instrument that is absent fails at that step with
 * ERROR, naming what is missing.
 */
public record Instruments(Optional<Bench> bench, Optional<MeterKeyStore> keys, Optional<MdmsGateway> mdms,
                          OperatorPrompter prompter, SessionOptions sessionOptions, Optional<EventWatch> events) {

    /** Without an event broker: {@code events.expect} then fails with ERROR, naming what is missing. */
    public Instruments(Optional<Bench> bench, Optional<MeterKeyStore> keys, Optional<MdmsGateway> mdms,
                       OperatorPrompter prompter, SessionOptions sessionOptions) {
        this(bench, keys, mdms, prompter, sessionOptions, Optional.empty());
    }

    public Instruments {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(mdms, "mdms");
        Objects.requireNonNull(prompter, "prompter");
        Objects.requireNonNull(sessionOptions, "sessionOptions");
    }
}
