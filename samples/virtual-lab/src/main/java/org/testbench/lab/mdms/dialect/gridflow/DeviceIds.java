package org.testbench.lab.mdms.dialect.gridflow;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.testbench.lab.mdms.MdmsMeter;
import org.testbench.lab.mdms.service.ServiceException;
import org.testbench.lab.mdms.store.MeterRegistry;

/**
 * The MDMS's own device ids: drawn at random when the MDMS starts, unrelated to the serial, so that a client
 * must look a meter up by its serial before it can address it — as with most vendors' device registries.
 */
final class DeviceIds {

    private final Map<String, String> bySerial = new LinkedHashMap<>();
    private final Map<String, String> byId = new LinkedHashMap<>();

    DeviceIds(MeterRegistry meters) {
        SecureRandom random = new SecureRandom();
        for (MdmsMeter meter : meters.all()) {
            byte[] bytes = new byte[6];
            random.nextBytes(bytes);
            String id = "dev_" + HexFormat.of().formatHex(bytes);
            bySerial.put(meter.serial(), id);
            byId.put(id, meter.serial());
        }
    }

    String idOf(String serial) {
        return bySerial.get(serial);
    }

    /** The serial of a device id, or 404 {@code DEVICE_NOT_FOUND}. */
    String serialOf(String deviceId) {
        return Optional.ofNullable(byId.get(deviceId)).orElseThrow(() -> new ServiceException(
                org.testbench.lab.mdms.service.ErrorCode.METER_NOT_FOUND, "Unknown device",
                "deviceId: no device " + org.testbench.lab.mdms.dialect.Fields.printable(deviceId), null));
    }
}
