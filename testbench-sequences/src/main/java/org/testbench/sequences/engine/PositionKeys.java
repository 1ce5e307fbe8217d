package org.testbench.sequences.engine;

import java.util.Optional;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.keys.HeldMeterKeys;
import org.testbench.drivers.keys.MeterKeySource;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.keys.MeterKeys;

/**
 * The keys a position's management steps use: those an earlier {@code mdms.keys.get} step delivered for the
 * meter, else the keystore of the configuration.
 */
final class PositionKeys implements MeterKeySource {

    private final HeldMeterKeys delivered;
    private final Optional<MeterKeyStore> keystore;
    private volatile String used;

    private PositionKeys(HeldMeterKeys delivered, Optional<MeterKeyStore> keystore) {
        this.delivered = delivered;
        this.keystore = keystore;
    }

    /**
     * @param what the step that needs the keys, for the message when there are none
     * @throws StepError when the position has no delivered keys and the run no keystore
     */
    static PositionKeys of(StepScope scope, String what) throws StepError {
        HeldMeterKeys delivered = scope.context.deliveredKeys();
        Optional<MeterKeyStore> keystore = scope.instruments.keys();
        boolean anyDelivered = scope.context.serial().map(delivered::holds).orElse(false);
        if (!anyDelivered && keystore.isEmpty()) {
            throw new StepError(what + " needs the meter's keys: get them from the MDMS first (mdms.keys.get), or "
                    + "configure a keystore");
        }
        return new PositionKeys(delivered, keystore);
    }

    /** The same source for a step that may not need any secret (a read by an unauthenticated reader). */
    static PositionKeys ifAny(StepScope scope) {
        return new PositionKeys(scope.context.deliveredKeys(), scope.instruments.keys());
    }

    @Override
    public org.testbench.drivers.keys.MeterPassword passwordFor(String serial) throws DeviceException {
        if (keystore.isEmpty()) {
            throw new DeviceException(DeviceException.Fault.KEYS, describe(), "no LLS password for meter " + serial
                    + ": configure a keystore with the entry " + serial + ".lls");
        }
        used = keystore.get().describe();
        return keystore.get().passwordFor(serial);
    }

    @Override
    public org.testbench.drivers.keys.MeterPassword hlsSecretFor(String serial) throws DeviceException {
        if (keystore.isEmpty()) {
            throw new DeviceException(DeviceException.Fault.KEYS, describe(), "no HLS secret for meter " + serial
                    + ": configure a keystore with the entry " + serial + ".hls");
        }
        used = keystore.get().describe();
        return keystore.get().hlsSecretFor(serial);
    }

    @Override
    public MeterKeys keysFor(String serial) throws DeviceException {
        if (delivered.holds(serial) || keystore.isEmpty()) {
            used = delivered.describe();
            return delivered.keysFor(serial);
        }
        used = keystore.get().describe();
        return keystore.get().keysFor(serial);
    }

    /** Where the keys last given came from. */
    @Override
    public String describe() {
        String u = used;
        return u != null ? u : keystore.isEmpty() ? delivered.describe() : delivered.describe() + " or the "
                + keystore.get().describe();
    }
}
