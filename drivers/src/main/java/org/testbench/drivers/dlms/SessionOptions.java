package org.testbench.drivers.dlms;

import java.time.Duration;
import java.util.Objects;

/**
 * @param responseTimeout how long to wait for each answer of the meter
 * @param serverAddress   the meter's logical device (1 = management logical device)
 * @param clientSystemTitle the 8-byte system title the bench presents in ciphered associations
 * @param listReads       read several attributes per request where the meter negotiated it; off only to
 *                        measure or to work around a meter that mishandles get-with-list
 * @param frameLog        where the frames exchanged go as evidence, made safe first ({@link FrameLog#NONE}: nowhere)
 */
public record SessionOptions(Duration responseTimeout, int serverAddress, byte[] clientSystemTitle, boolean listReads,
                             FrameLog frameLog) {

    /** "TBC" and five bytes: the bench's default system title. */
    private static final byte[] DEFAULT_SYSTEM_TITLE = {'T', 'B', 'C', 0, 0, 0, 0, 1};

    public SessionOptions {
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(frameLog, "frameLog");
        if (clientSystemTitle.length != 8) {
            throw new IllegalArgumentException("a system title has 8 bytes, not " + clientSystemTitle.length);
        }
        clientSystemTitle = clientSystemTitle.clone();
    }

    public SessionOptions(Duration responseTimeout, int serverAddress, byte[] clientSystemTitle, boolean listReads) {
        this(responseTimeout, serverAddress, clientSystemTitle, listReads, FrameLog.NONE);
    }

    public static SessionOptions defaults() {
        return new SessionOptions(Duration.ofSeconds(5), 1, DEFAULT_SYSTEM_TITLE, true);
    }

    public SessionOptions withResponseTimeout(Duration timeout) {
        return new SessionOptions(timeout, serverAddress, clientSystemTitle, listReads, frameLog);
    }

    public SessionOptions withListReads(boolean enabled) {
        return new SessionOptions(responseTimeout, serverAddress, clientSystemTitle, enabled, frameLog);
    }

    /** The same options, the frames exchanged going to {@code log}. */
    public SessionOptions withFrameLog(FrameLog log) {
        return new SessionOptions(responseTimeout, serverAddress, clientSystemTitle, listReads, log);
    }

    @Override
    public byte[] clientSystemTitle() {
        return clientSystemTitle.clone();
    }
}
