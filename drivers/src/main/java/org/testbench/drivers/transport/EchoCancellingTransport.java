package org.testbench.drivers.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the echo of what was just written. Half-duplex optical heads (and some RS-485 adapters)
 * return every transmitted byte; the protocols above must not see them as the device's answer.
 * If the bytes that come back are not the echo, cancellation stops and they pass through, so a head
 * that stops echoing is not mistaken for a garbled device.
 */
public final class EchoCancellingTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(EchoCancellingTransport.class);

    private final Transport delegate;
    private byte[] expectedEcho = new byte[0];
    private int matched;

    public EchoCancellingTransport(Transport delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void write(byte[] data) throws IOException {
        delegate.write(data);
        expectedEcho = data.clone();
        matched = 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            int n = delegate.read(buffer, offset, length, Duration.ofNanos(Math.max(left, 1_000_000)));
            if (n == 0) {
                return 0;
            }
            int skip = 0;
            while (matched < expectedEcho.length && skip < n && buffer[offset + skip] == expectedEcho[matched]) {
                skip++;
                matched++;
            }
            if (matched < expectedEcho.length && skip < n) {
                LOG.debug("{}: echo stopped after {} of {} bytes; passing the rest through",
                        delegate.address(), matched, expectedEcho.length);
                matched = expectedEcho.length;
            }
            if (skip < n) {
                System.arraycopy(buffer, offset + skip, buffer, offset, n - skip);
                return n - skip;
            }
            if (System.nanoTime() >= deadline) {
                return 0;
            }
        }
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        delegate.setBaudRate(baud);
    }

    @Override
    public void discardInput() throws IOException {
        delegate.discardInput();
        matched = expectedEcho.length;
    }

    @Override
    public PortAddress address() {
        return delegate.address();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
