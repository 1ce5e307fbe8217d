package org.testbench.drivers.keys;

import org.testbench.drivers.DeviceException;

/**
 * Where the bench gets a meter's keys: a keystore file ({@link MeterKeyStore}), or keys the MDMS delivered
 * and the bench holds in memory for the duration of a test ({@link HeldMeterKeys}).
 */
public interface MeterKeySource {

    /**
     * A fresh copy of one meter's keys; the caller destroys it (try-with-resources) when done.
     *
     * @throws DeviceException with fault {@code KEYS} when this source has no keys for that serial
     */
    MeterKeys keysFor(String serial) throws DeviceException;

    /**
     * The LLS password of one meter (keystore entry {@code <serial>.lls}); the caller destroys it when done.
     *
     * @throws DeviceException with fault {@code KEYS} when this source holds no password for that serial
     */
    default MeterPassword passwordFor(String serial) throws DeviceException {
        throw new DeviceException(DeviceException.Fault.KEYS, describe(), "no LLS password for meter " + serial
                + " (" + describe() + " holds no passwords)");
    }

    /**
     * The HLS secret of one meter (keystore entry {@code <serial>.hls}), for HLS-MD5, -SHA1 and -SHA256; the
     * caller destroys it when done.
     *
     * @throws DeviceException with fault {@code KEYS} when this source holds no HLS secret for that serial
     */
    default MeterPassword hlsSecretFor(String serial) throws DeviceException {
        throw new DeviceException(DeviceException.Fault.KEYS, describe(), "no HLS secret for meter " + serial
                + " (" + describe() + " holds no HLS secrets)");
    }

    /** Where the keys come from, for messages: never any key material. */
    String describe();
}
