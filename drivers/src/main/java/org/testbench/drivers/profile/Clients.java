package org.testbench.drivers.profile;

import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.dlms.DlmsClient;

/**
 * The associations a meter type offers the bench, by job: the reader reads identity, registers, clock and
 * logs; the management client switches the load and is the target of the security tests; the public client
 * (SAP 16 unless the profile says otherwise) is where the bench looks up the serial and the invocation
 * counter before an authenticated association when nobody told it the serial.
 */
public record Clients(DlmsClient reader, Optional<DlmsClient> management, DlmsClient publicClient) {

    public Clients {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(management, "management");
        Objects.requireNonNull(publicClient, "publicClient");
    }

    /** The client of a job; empty when the meter type has none for it. */
    public Optional<DlmsClient> of(ClientJob job) {
        return switch (job) {
            case READER -> Optional.of(reader);
            case MANAGEMENT -> management;
            case PUBLIC -> Optional.of(publicClient);
        };
    }

    /** The jobs a profile's {@code clients} names. */
    public enum ClientJob {
        READER("reader"),
        MANAGEMENT("management"),
        PUBLIC("public");

        private final String key;

        ClientJob(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
