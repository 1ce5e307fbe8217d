package org.testbench.lab.mdms.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.testbench.lab.mdms.headend.RegisterValue;

/** The first value read per meter and register, which a stale MDMS keeps answering. Thread-safe. */
public final class RegisterCache {

    private final Map<String, RegisterValue> values = new ConcurrentHashMap<>();

    public Optional<RegisterValue> find(String serial, String obis) {
        return Optional.ofNullable(values.get(key(serial, obis)));
    }

    /** Keeps the first value stored for the register and returns the one kept. */
    public RegisterValue keepFirst(String serial, String obis, RegisterValue value) {
        return values.computeIfAbsent(key(serial, obis), key -> value);
    }

    private static String key(String serial, String obis) {
        return serial + "/" + obis;
    }
}
