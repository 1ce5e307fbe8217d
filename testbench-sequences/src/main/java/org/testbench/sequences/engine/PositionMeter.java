package org.testbench.sequences.engine;

import java.util.Optional;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.sequences.language.Action;

/** A position's meter through one of its ports, as the position's meter profile describes it. */
final class PositionMeter {

    private PositionMeter() {
    }

    /** The meter with the keys a management step needs (delivered by the MDMS, or the keystore). */
    static ProfiledMeter withKeys(StepScope scope, MeterChannel channel, String what) throws StepError {
        return new ProfiledMeter(scope.setup.profile(), channel, scope.context.serial(),
                Optional.of(PositionKeys.of(scope, what)), scope.sessionOptions());
    }

    /** The meter with whatever keys the run has; a client that needs missing ones fails with a KEYS error. */
    static ProfiledMeter of(StepScope scope, MeterChannel channel) {
        return new ProfiledMeter(scope.setup.profile(), channel, scope.context.serial(),
                Optional.of(PositionKeys.ifAny(scope)), scope.sessionOptions());
    }

    static MeterChannel channel(Action.Via via, StepScope scope) throws StepError {
        if (via == Action.Via.OPTICAL) {
            return scope.setup.optical();
        }
        return scope.setup.ami().orElseThrow(() -> new StepError("position " + scope.position()
                + " has no AMI port configured"));
    }
}
