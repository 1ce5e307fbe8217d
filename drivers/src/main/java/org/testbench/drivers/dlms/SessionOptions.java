package org.testbench.drivers.dlms;

import java.time.Duration;
import java.util.Objects;

/**
 * @param responseTimeout how long to wait for each answer of the meter
 * @param serverAddress   the meter's logical device (1 = management logical device)
 * @param clientSystemTitle the 8-byte system title the bench presents in ciphered associations
 * @param listReads       read several attributes per request where the meter negotiated it; off only to
 *                        measure or to work around a meter that mishandles get-with-list
 */
public record SessionOptions(Duration responseTimeout, int serverAddress, byte[] clientSystemTitle, boolean listReads) {

    /** "TBC" and five bytes: the bench's default system title. */
    private static final byte[] DEFAULT_SYSTEM_TITLE = {'T', 'B', 'C', 0, 0, 0, 0, 1};

    public SessionOptions {
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (clientSystemTitle.length != 8) {
            throw new IllegalArgumentException("a system title has 8 bytes, not " + clientSystemTitle.length);
        }
        clientSystemTitle = clientSystemTitle.clone();
    }

    public static SessionOptions defaults() {
        return new SessionOptions(Duration.ofSeconds(5), 1, DEFAULT_SYSTEM_TITLE, true);
    }

    public SessionOptions withResponseTimeout(Duration timeout) {
        return new SessionOptions(timeout, serverAddress, clientSystemTitle, listReads);
    }

    public SessionOptions withListReads(boolean enabled) {
        return new SessionOptions(responseTimeout, serverAddress, clientSystemTitle, enabled);
    }

    @Override
    public byte[] clientSystemTitle() {
        return clientSystemTitle.clone();
    }
}
