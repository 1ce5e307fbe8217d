package org.testbench.lab.mdms.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A meter's communication state in the MDMS.
 *
 * @param status outcome of the last contact attempt
 * @param lastContact when the meter last answered; null if it never did
 */
public record Communication(CommunicationStatus status, Instant lastContact) {

    public static final Communication NEVER = new Communication(CommunicationStatus.UNKNOWN, null);

    public Communication {
        Objects.requireNonNull(status, "status");
    }

    public Optional<Instant> lastContactTime() {
        return Optional.ofNullable(lastContact);
    }

    /** The state after an attempt that ended at {@code at}. */
    Communication after(boolean answered, Instant at) {
        return answered ? new Communication(CommunicationStatus.ONLINE, at)
                : new Communication(CommunicationStatus.OFFLINE, lastContact);
    }
}
