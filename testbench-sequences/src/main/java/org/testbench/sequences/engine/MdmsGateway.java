package org.testbench.sequences.engine;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.sequences.outcome.Finding;

/**
 * The MDMS as the engine uses it: call a capability of the binding with parameters, follow an
 * asynchronous command to its end, and get the classified outcome, the bound fields of the answer
 * (by the binding's JSON pointers), the response-quality findings and the evidence excerpts
 * (secrets removed).
 */
public interface MdmsGateway {

    /**
     * What one capability call came to: for a followed command, the outcome of the command's end (a meter the
     * MDMS could not reach, a deadline passed) rather than the request's.
     */
    record Result(MdmsOutcome outcome, int status, Map<String, Object> fields, List<Finding> findings,
                  List<String> evidence, Duration latency, String message) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            fields = Map.copyOf(fields);
            findings = List.copyOf(findings);
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * Calls a capability; transport trouble is a classified outcome, not an exception.
     *
     * @param follow follow an asynchronous command through {@code command.status} until it ends or
     *               {@code timeout} passes
     * @throws IOException only when the call cannot even be made (no binding for the capability)
     */
    Result call(Capability capability, Map<String, Object> params, boolean follow, Duration timeout)
            throws IOException, InterruptedException;

    /**
     * What a {@code keys.get} came to: the call (its fields are {@code delivered}, {@code ekFingerprint} and
     * {@code akFingerprint}, never a key) and, when delivered, the unwrapped keys, which the caller destroys.
     */
    record KeyDelivery(Result result, Optional<MeterKeys> keys) {
        public KeyDelivery {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(keys, "keys");
        }
    }

    /**
     * Asks the MDMS for a meter's keys, wrapped for the bench's identity, and unwraps them. Transport trouble
     * and refusals are a classified outcome with no keys, not an exception.
     *
     * @throws IOException only when the call cannot be made (no identity to receive keys, keys.get not bound)
     */
    default KeyDelivery keys(String serial, Duration timeout) throws IOException, InterruptedException {
        throw new IOException("this MDMS connection cannot receive meter keys");
    }

    /** The API version and hashes of spec and binding, for the record of a run. */
    String describe();

    /** The MDMS's base URL, for checks of the endpoint itself (the TLS audit); empty when not known. */
    default Optional<URI> baseUrl() {
        return Optional.empty();
    }

    /** The PEM file of the CA the bench trusts for the MDMS; empty: the JDK's trusted CAs. */
    default Optional<Path> trustedCa() {
        return Optional.empty();
    }
}
