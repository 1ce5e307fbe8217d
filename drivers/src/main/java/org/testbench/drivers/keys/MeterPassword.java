package org.testbench.drivers.keys;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A DLMS low level security (LLS) password of one meter's client: held only in memory, never printed
 * ({@link #toString()} says where it came from), overwritten by {@link #destroy()}.
 */
public final class MeterPassword implements Destroyable, AutoCloseable {

    private final String origin;
    private final byte[] bytes;
    private volatile boolean destroyed;

    /**
     * @param origin where the password came from, for messages ("keystore entry 'x.lls'", "variable X")
     * @param password copied; the caller may clear its own
     */
    public MeterPassword(String origin, char[] password) {
        this.origin = Objects.requireNonNull(origin, "origin");
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        this.bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
    }

    /** A copy of the password as the association request carries it; the caller overwrites it when done. */
    public byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("the password from " + origin + " was destroyed");
        }
        return bytes.clone();
    }

    public String origin() {
        return origin;
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "MeterPassword[" + origin + (destroyed ? ", destroyed" : "") + "]";
    }
}
