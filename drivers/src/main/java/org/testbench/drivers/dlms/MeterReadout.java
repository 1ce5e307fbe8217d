package org.testbench.drivers.dlms;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What a technician reads first from a meter: identity, the requested values (the energy registers
 * by default) and the load switch, with the frames it took.
 *
 * @param loadSwitch empty when the meter has no disconnect control
 */
public record MeterReadout(MeterIdentity identity, List<CosemValue> values, Optional<LoadSwitchState> loadSwitch,
                           FrameCount frames) {

    public static final List<Obis> DEFAULT_VALUES = List.of(StandardObis.ACTIVE_ENERGY_IMPORT,
            StandardObis.ACTIVE_ENERGY_EXPORT);

    /** Reads one public association's worth; {@code codes} empty means the energy registers. */
    public static MeterReadout read(MeterChannel channel, List<Obis> codes, SessionOptions options) throws IOException {
        MeterSession session = MeterSession.openPublic(channel, options);
        MeterIdentity identity;
        List<CosemValue> values;
        Optional<LoadSwitchState> loadSwitch = Optional.empty();
        try {
            identity = session.readIdentity();
            values = session.read(codes.isEmpty() ? DEFAULT_VALUES : codes);
            if (codes.isEmpty() || codes.contains(StandardObis.DISCONNECT_CONTROL)) {
                loadSwitch = Optional.of(session.readLoadSwitch());
            }
        } finally {
            session.close();
        }
        // Counted after close, so release and disconnect are part of the evidence.
        return new MeterReadout(identity, values, loadSwitch, session.frameCount());
    }
}
