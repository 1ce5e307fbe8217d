package org.testbench.sequences.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.StandardObis;
import org.testbench.drivers.keys.MeterKeySource;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.sequences.language.Action;

/** The meter as a witness: reads over its public client, switches over its management client. */
final class MeterActions {

    private MeterActions() {
    }

    static StepResult read(Action.MeterRead read, StepScope scope) throws IOException, StepError {
        MeterChannel channel = channel(read.via(), scope);
        StepResult result = new StepResult();
        MeterSession session = MeterSession.openPublic(channel, scope.instruments.sessionOptions());
        try {
            List<String> names = new ArrayList<>();
            List<Obis> codes = new ArrayList<>();
            for (String object : read.objects()) {
                if (object.equals("loadSwitch")) {
                    continue;
                }
                names.add(object);
                codes.add(obisOf(object));
            }
            List<CosemValue> values = codes.isEmpty() ? List.of() : session.read(codes);
            for (int i = 0; i < values.size(); i++) {
                Object value = typed(values.get(i));
                String field = fieldName(names.get(i));
                result.put(field, value);
                scope.measurement(field, value);
                if (field.equals("serial")) {
                    scope.serialKnown(String.valueOf(value));
                }
            }
            if (read.objects().contains("loadSwitch")) {
                loadSwitchFields(session.readLoadSwitch(), result, scope);
            }
        } finally {
            session.close();
        }
        scope.evidence("frames", channel.describe() + ": " + session.frameCount());
        return result;
    }

    static StepResult switchLoad(Action.MeterSwitch action, StepScope scope) throws IOException, StepError {
        MeterKeySource keys = PositionKeys.of(scope, "meter.switch");
        MeterChannel channel = channel(action.via(), scope);
        StepResult result = new StepResult();
        MeterSession session = MeterSession.openManagement(channel, keys, scope.instruments.sessionOptions());
        try {
            if (action.close()) {
                session.remoteReconnect();
            } else {
                session.remoteDisconnect();
            }
            loadSwitchFields(session.readLoadSwitch(), result, scope);
        } finally {
            session.close();
        }
        scope.evidence("frames", channel.describe() + ": " + session.frameCount());
        return result;
    }

    static LoadSwitchState readLoadSwitch(StepScope scope) throws IOException {
        try (MeterSession session = MeterSession.openPublic(scope.setup.optical(), scope.instruments.sessionOptions())) {
            return session.readLoadSwitch();
        }
    }

    private static void loadSwitchFields(LoadSwitchState state, StepResult result, StepScope scope) {
        result.put("outputState", state.outputState());
        result.put("controlState", state.controlState().name());
        result.put("loadSwitch", state.outputState() ? "CLOSED" : "OPEN");
        scope.measurement("outputState", state.outputState());
        scope.measurement("controlState", state.controlState().name());
    }

    private static MeterChannel channel(Action.Via via, StepScope scope) throws StepError {
        if (via == Action.Via.OPTICAL) {
            return scope.setup.optical();
        }
        return scope.setup.ami().orElseThrow(() -> new StepError("position " + scope.position()
                + " has no AMI port configured"));
    }

    private static Obis obisOf(String name) {
        return switch (name) {
            case "serial" -> StandardObis.SERIAL_NUMBER;
            case "logicalDeviceName" -> StandardObis.LOGICAL_DEVICE_NAME;
            case "firmware" -> StandardObis.FIRMWARE_ID;
            case "clock" -> StandardObis.CLOCK;
            case "energyImport" -> StandardObis.ACTIVE_ENERGY_IMPORT;
            case "energyExport" -> StandardObis.ACTIVE_ENERGY_EXPORT;
            default -> Obis.parse(name);
        };
    }

    /** Named objects keep their name; OBIS codes become {@code obis_1_0_1_8_0_255}. */
    static String fieldName(String object) {
        return Action.MeterRead.fieldName(object);
    }

    private static Object typed(CosemValue v) {
        Object value = v.value();
        if (value instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Number n && v.unit() != null) {
            try {
                return Quantity.of(n.doubleValue(), Unit.ofSymbol(v.unit()));
            } catch (IllegalArgumentException unknownUnit) {
                return n.doubleValue();
            }
        }
        return value instanceof Number n ? n.doubleValue() : value;
    }
}
