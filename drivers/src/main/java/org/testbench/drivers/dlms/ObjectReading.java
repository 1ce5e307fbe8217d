package org.testbench.drivers.dlms;

import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/**
 * What reading one object gave: its value, or why there is none — the meter refused it or does not have
 * it ({@link #fault()} and the meter's reason).
 */
public record ObjectReading(Obis obis, Optional<CosemValue> value, Optional<Fault> fault, String reason) {

    public ObjectReading {
        Objects.requireNonNull(obis, "obis");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(reason, "reason");
    }

    static ObjectReading of(CosemValue value) {
        return new ObjectReading(value.obis(), Optional.of(value), Optional.empty(), "");
    }

    static ObjectReading failed(Obis obis, DeviceException e) {
        String message = e.getMessage();
        String prefix = e.where() + ": ";
        return new ObjectReading(obis, Optional.empty(), Optional.of(e.fault()),
                message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }

    public boolean isRead() {
        return value.isPresent();
    }
}
