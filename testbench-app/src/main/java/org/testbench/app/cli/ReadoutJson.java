package org.testbench.app.cli;

import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.FrameCount;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.MeterReadout;

/** The JSON shapes of meter readouts, as docs/json-output.md documents them. */
final class ReadoutJson {

    private ReadoutJson() {
    }

    static Map<String, Object> readout(MeterReadout r, String identification) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serial", r.identity().serial());
        m.put("logicalDeviceName", r.identity().logicalDeviceName());
        m.put("firmware", r.identity().firmware());
        m.put("objects", r.values().stream().map(ReadoutJson::object).toList());
        m.put("loadSwitch", r.loadSwitch().map(ReadoutJson::loadSwitch).orElse(null));
        m.put("frames", frames(r.frames()));
        if (identification != null) {
            m.put("identification", identification);
        }
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

    static Map<String, Object> loadSwitch(LoadSwitchState s) {
        Map<String, Object> m = new LinkedHashMap<>();
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
