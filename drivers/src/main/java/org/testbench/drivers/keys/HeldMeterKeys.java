package org.testbench.drivers.keys;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Destroyable;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/**
 * Keys held in memory only — those the MDMS delivered for a test — by meter serial. Each use gets a copy
 * that the user destroys; {@link #destroy()} overwrites every held key, and a destroyed holder gives no
 * more keys. Thread-safe. Never prints a key: {@link #toString()} shows serials and fingerprints.
 */
public final class HeldMeterKeys implements MeterKeySource, Destroyable, AutoCloseable {

    private final String origin;
    private final Map<String, MeterKeys> bySerial = new ConcurrentHashMap<>();
    private volatile boolean destroyed;

    /** @param origin where the keys came from, for messages ("keys delivered by the MDMS") */
    public HeldMeterKeys(String origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * Takes the keys over: from now on this holder destroys them. Keys held before for the same meter are
     * destroyed.
     */
    public void hold(MeterKeys keys) {
        Objects.requireNonNull(keys, "keys");
        if (destroyed) {
            keys.destroy();
            throw new IllegalStateException("the keys held from " + origin + " were destroyed; no more can be held");
        }
        MeterKeys previous = bySerial.put(keys.serial(), keys);
        if (previous != null && previous != keys) {
            previous.destroy();
        }
    }

    public boolean holds(String serial) {
        MeterKeys k = bySerial.get(serial);
        return k != null && !k.isDestroyed();
    }

    @Override
    public MeterKeys keysFor(String serial) throws DeviceException {
        MeterKeys held = bySerial.get(serial);
        if (held == null || held.isDestroyed()) {
            throw new DeviceException(Fault.KEYS, origin, "no keys held for meter " + serial
                    + (bySerial.isEmpty() ? "" : " (held: " + String.join(", ", bySerial.keySet()) + ")"));
        }
        return held.copy();
    }

    @Override
    public String describe() {
        return origin;
    }

    @Override
    public void destroy() {
        destroyed = true;
        bySerial.values().forEach(MeterKeys::destroy);
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
        return "HeldMeterKeys[" + origin + ", " + bySerial.values() + "]";
    }
}
