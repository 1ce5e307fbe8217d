package org.testbench.drivers.dlms;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a technician reads first from a meter: identity, the requested values (the energy registers
 * by default) and the load switch, with the frames it took; and what could not be read — objects the
 * meter type does not have, or that the meter refused or lacks, each with the reason.
 *
 * @param identity    serial, logical device name, firmware; a part that could not be read is empty and
 *                    listed in {@code unavailable}
 * @param loadSwitch  empty when the meter has no disconnect control or it was not asked for
 * @param unavailable what was asked for and not read, in the order asked
 * @param totals      the roles a meter type keeps only in parts (energy per tariff), each the exact sum of its
 *                    parts; the parts are in {@code values} too
 */
public record MeterReadout(MeterIdentity identity, List<CosemValue> values, Optional<LoadSwitchState> loadSwitch,
                           FrameCount frames, List<Unavailable> unavailable, List<RegisterTotal> totals) {

    public MeterReadout {
        Objects.requireNonNull(identity, "identity");
        values = List.copyOf(values);
        Objects.requireNonNull(loadSwitch, "loadSwitch");
        Objects.requireNonNull(frames, "frames");
        unavailable = List.copyOf(unavailable);
        totals = List.copyOf(totals);
    }

    public MeterReadout(MeterIdentity identity, List<CosemValue> values, Optional<LoadSwitchState> loadSwitch,
                        FrameCount frames, List<Unavailable> unavailable) {
        this(identity, values, loadSwitch, frames, unavailable, List.of());
    }

    public MeterReadout(MeterIdentity identity, List<CosemValue> values, Optional<LoadSwitchState> loadSwitch,
                        FrameCount frames) {
        this(identity, values, loadSwitch, frames, List.of());
    }

    /**
     * An object asked for and not read.
     *
     * @param name   the object's role ("energyExport") or its OBIS code when asked for by code
     * @param obis   empty when the meter type has no such object
     * @param reason "absent from this meter type", or the meter's answer ("read write denied (3)")
     */
    public record Unavailable(String name, Optional<Obis> obis, String reason) {
        public Unavailable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(obis, "obis");
            Objects.requireNonNull(reason, "reason");
        }

        public boolean absentFromMeterType() {
            return obis.isEmpty();
        }
    }
}
