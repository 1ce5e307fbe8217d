package org.testbench.app.cli;

import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.FrameCount;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.RegisterTotal;

/** The JSON shapes of meter readouts, as docs/json-output.md documents them. */
final class ReadoutJson {

    private ReadoutJson() {
    }

    static Map<String, Object> readout(MeterReadout r, String identification) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serial", emptyToNull(r.identity().serial()));
        m.put("logicalDeviceName", emptyToNull(r.identity().logicalDeviceName()));
        m.put("firmware", emptyToNull(r.identity().firmware()));
        m.put("objects", r.values().stream().map(ReadoutJson::object).toList());
        m.put("loadSwitch", r.loadSwitch().map(ReadoutJson::loadSwitch).orElse(null));
        m.put("frames", frames(r.frames()));
        m.put("unavailable", r.unavailable().stream().map(ReadoutJson::unavailable).toList());
        m.put("sums", r.totals().stream().map(ReadoutJson::sum).toList());
        if (identification != null) {
            m.put("identification", identification);
        }
        return m;
    }

    static Map<String, Object> unavailable(MeterReadout.Unavailable u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("obis", u.obis().map(Object::toString).orElse(null));
        m.put("absent", u.absentFromMeterType());
        m.put("reason", u.reason());
        return m;
    }

    /** A role kept in parts (energy per tariff): its exact sum and the parts it is the sum of. */
    static Map<String, Object> sum(RegisterTotal t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("value", t.number());
        m.put("unit", t.unit());
        m.put("parts", t.parts().stream().map(ReadoutJson::object).toList());
        return m;
    }

    static Map<String, Object> object(CosemValue v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("obis", v.obis().toString());
        Object value = v.value();
        m.put("value", value instanceof TemporalAccessor ? value.toString() : value);
        m.put("unit", v.unit());
        return m;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    static Map<String, Object> loadSwitch(LoadSwitchState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relay", s.relay().name().toLowerCase(java.util.Locale.ROOT));
        m.put("outputState", s.outputState());
        m.put("controlState", s.controlState().name());
        m.put("controlMode", s.controlMode());
        return m;
    }

    static Map<String, Object> frames(FrameCount f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", f.sent());
        m.put("received", f.received());
        m.put("bytesSent", f.bytesSent());
        m.put("bytesReceived", f.bytesReceived());
        return m;
    }
}
