package org.testbench.lab.cosem;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.keys.MeterKeys;
import org.testbench.lab.meter.MeterState;

/**
 * Decides, before Gurux processes an APDU, whether a protected APDU may reach the meter.
 *
 * <p>Gurux checks the invocation counter with "lower than the stored value" and stores the new
 * value before it checks the tag, so on its own it accepts a replayed frame and lets a forged
 * frame move the counter. The gate therefore authenticates the APDU itself and then accepts the
 * counter with the meter's rule (strictly greater by default), atomically with processing, since
 * the caller holds the meter's lock. Only then does Gurux see the APDU; a rejected APDU never
 * reaches it, so it cannot change any state.
 */
final class SecurityGate {

    /** What the gate decided. */
    enum Outcome {
        /** The APDU is not protected; access rules decide what it may do. */
        PLAIN,
        /** Authentic and fresh; its counter is now the last accepted one. */
        ACCEPTED,
        /** Not authentic, not decipherable with this meter's keys, or not allowed to be protected. */
        NOT_AUTHENTIC,
        /** Authentic, but its invocation counter is not fresh: a replay. */
        REPLAYED
    }

    /** The decision about one APDU. */
    record Verdict(Outcome outcome, ProtectedApdu apdu) {
        boolean rejected() {
            return outcome == Outcome.NOT_AUTHENTIC || outcome == Outcome.REPLAYED;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SecurityGate.class);

    private final MeterState state;
    private final Suite0Authenticator authenticator;

    SecurityGate(MeterState state, MeterKeys keys) {
        this.state = state;
        this.authenticator = new Suite0Authenticator(keys);
    }

    /**
     * Evaluates a complete APDU. Call it while holding the meter's lock ({@link MeterState#exclusively}).
     *
     * @param clientAddress the client SAP the frame came from
     * @param associationSystemTitle the client's system title from the AARQ of this connection, if known
     */
    Verdict evaluate(int clientAddress, byte[] apdu, Optional<byte[]> associationSystemTitle) {
        ProtectedApdu inspected = ProtectedApdu.inspect(apdu);
        if (!inspected.isProtected()) {
            return new Verdict(Outcome.PLAIN, inspected);
        }
        String serial = state.identity().serial();
        if (clientAddress != state.identity().type().managementClient().address()) {
            LOG.warn("Meter {}: rejected {} from client {}: only the management client has a security context",
                    serial, inspected, clientAddress);
            return new Verdict(Outcome.NOT_AUTHENTIC, inspected);
        }
        if (!inspected.hasSecurityHeader()) {
            LOG.warn("Meter {}: rejected {} from client {}", serial, inspected, clientAddress);
            return new Verdict(Outcome.NOT_AUTHENTIC, inspected);
        }
        byte[] senderTitle = inspected.senderSystemTitle().or(() -> associationSystemTitle).orElse(null);
        if (!authenticator.isAuthentic(inspected, senderTitle)) {
            LOG.warn("Meter {}: rejected {} from client {}: authentication failed (wrong key, system title,"
                    + " security control or altered frame)", serial, inspected, clientAddress);
            return new Verdict(Outcome.NOT_AUTHENTIC, inspected);
        }
        long lastAccepted = state.lastAcceptedInvocationCounter();
        if (!state.acceptInvocationCounter(inspected.invocationCounter())) {
            LOG.warn("Meter {}: rejected {} from client {}: invocation counter {} is not fresh (last accepted {},"
                    + " {} rule)", serial, inspected, clientAddress, inspected.invocationCounter(), lastAccepted,
                    state.strictInvocationCounter() ? "strict" : "weak");
            return new Verdict(Outcome.REPLAYED, inspected);
        }
        LOG.debug("Meter {}: accepted {} from client {}", serial, inspected, clientAddress);
        return new Verdict(Outcome.ACCEPTED, inspected);
    }
}
