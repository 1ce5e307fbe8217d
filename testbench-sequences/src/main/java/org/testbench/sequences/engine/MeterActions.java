package org.testbench.sequences.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.ObjectReading;
import org.testbench.drivers.dlms.RegisterTotal;
import org.testbench.drivers.profile.Clients.ClientJob;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.sequences.language.Action;

/**
 * The meter as a witness, through the clients and at the OBIS codes of the position's meter profile: reads
 * over its reader client, switches over its management client. Objects the meter type does not have, or that
 * the meter refuses, are recorded as evidence and left out of the step's fields; the rest is still read.
 */
final class MeterActions {

    private MeterActions() {
    }

    static StepResult read(Action.MeterRead read, StepScope scope) throws IOException, StepError {
        MeterChannel channel = PositionMeter.channel(read.via(), scope);
        ProfiledMeter meter = PositionMeter.of(scope, channel);
        StepResult result = new StepResult();
        List<MeterObject> roles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Obis> codes = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (String object : read.objects()) {
            if (object.equals("loadSwitch")) {
                continue;
            }
            Optional<MeterObject> role = Action.MeterRead.NAMED_OBJECTS.contains(object) ? MeterObject.ofKey(object)
                    : Optional.empty();
            if (role.isPresent()) {
                roles.add(role.get());
            } else {
                names.add(object);
                codes.add(Obis.parse(object));
            }
        }
        MeterSession session = meter.open(ClientJob.READER);
        try {
            // Roles by the profile (a sum's parts in the same request), then codes as written.
            for (ProfiledMeter.RoleReading r : roles.isEmpty() ? List.<ProfiledMeter.RoleReading>of()
                    : meter.readRoles(session, roles)) {
                String name = r.role().key();
                if (!r.isRead()) {
                    MeterReadout.Unavailable u = r.unavailable().get();
                    unavailable.add(name);
                    scope.evidence("not read", name + (u.absentFromMeterType() ? ": absent from this meter type ("
                            + meter.profile().describe() + ")" : " " + u.obis().get() + ": " + u.reason()));
                    continue;
                }
                Object value;
                if (r.total().isPresent()) {
                    RegisterTotal total = r.total().get();
                    value = total.quantity();
                    scope.evidence("sum", name + " = " + total.value().toPlainString() + " " + total.unit() + " = "
                            + total.parts().stream().map(CosemValue::toString).collect(Collectors.joining(" + ")));
                } else {
                    value = typed(r.value().get());
                }
                if (r.role() == MeterObject.SERIAL) {
                    // The serial part of a logical device name, where the meter type keeps it there.
                    value = meter.profile().objects().form(MeterObject.SERIAL).part(String.valueOf(value));
                }
                String field = fieldName(name);
                result.put(field, value);
                scope.measurement(field, value);
                if (field.equals("serial")) {
                    scope.serialKnown(String.valueOf(value));
                }
            }
            List<ObjectReading> readings = codes.isEmpty() ? List.of() : session.readEach(codes);
            for (int i = 0; i < readings.size(); i++) {
                ObjectReading r = readings.get(i);
                String field = fieldName(names.get(i));
                if (!r.isRead()) {
                    unavailable.add(names.get(i));
                    scope.evidence("not read", names.get(i) + " " + r.obis() + ": " + r.reason());
                    continue;
                }
                Object value = typed(r.value().get());
                result.put(field, value);
                scope.measurement(field, value);
            }
            if (read.objects().contains("loadSwitch")) {
                List<MeterReadout.Unavailable> missing = new ArrayList<>();
                Optional<LoadSwitchState> state = meter.readLoadSwitch(session, missing);
                if (state.isPresent()) {
                    loadSwitchFields(state.get(), result, scope);
                }
                for (MeterReadout.Unavailable u : missing) {
                    unavailable.add("loadSwitch");
                    scope.evidence("not read", "loadSwitch " + u.obis().map(o -> o + " ").orElse("") + ": " + u.reason());
                }
            }
        } finally {
            session.close();
        }
        if (!unavailable.isEmpty()) {
            result.put("unavailable", String.join(", ", unavailable));
        }
        scope.evidence("frames", channel.describe() + ": " + session.frameCount());
        return result;
    }

    static StepResult switchLoad(Action.MeterSwitch action, StepScope scope) throws IOException, StepError {
        MeterChannel channel = PositionMeter.channel(action.via(), scope);
        ProfiledMeter meter = PositionMeter.withKeys(scope, channel, "meter.switch");
        Obis disconnect = meter.profile().objects().require(MeterObject.DISCONNECT_CONTROL, meter.profile().describe());
        if (action.action() == Action.SwitchAction.COMPLETE) {
            return completeArmed(meter, disconnect, channel, scope);
        }
        StepResult result = new StepResult();
        LoadSwitchState after;
        MeterSession session = meter.open(ClientJob.MANAGEMENT);
        try {
            if (action.close()) {
                session.remoteReconnect(disconnect);
            } else {
                session.remoteDisconnect(disconnect);
            }
            after = session.readLoadSwitch(disconnect);
        } finally {
            session.close();
        }
        scope.evidence("frames", channel.describe() + ": " + session.frameCount());
        if (action.close() && after.relay() == LoadSwitchState.Relay.ARMED) {
            result.put("armed", true);
            scope.evidence("load switch", "remote_reconnect armed the relay (ready_for_reconnection, control "
                    + LoadSwitchState.describeMode(after.controlMode()) + "); completing the reconnection locally");
            result.put("completedBy", completeLocally(scope));
            try (MeterSession reader = meter.open(ClientJob.READER)) {
                after = reader.readLoadSwitch(disconnect);
            }
        }
        loadSwitchFields(after, result, scope);
        return result;
    }

    /**
     * {@code meter.switch: complete}: after a reconnect sent by someone else (the MDMS), completes it locally if
     * the meter only armed its relay; sends the meter no command, so a relay left open or closed stays as the
     * sender left it and the witnesses judge it.
     */
    private static StepResult completeArmed(ProfiledMeter meter, Obis disconnect, MeterChannel channel,
            StepScope scope) throws IOException, StepError {
        StepResult result = new StepResult();
        LoadSwitchState before;
        try (MeterSession reader = meter.open(ClientJob.READER)) {
            before = reader.readLoadSwitch(disconnect);
            scope.evidence("frames", channel.describe() + ": " + reader.frameCount());
        }
        result.put("before", before.relay().name());
        LoadSwitchState after = before;
        if (before.relay() == LoadSwitchState.Relay.ARMED) {
            result.put("armed", true);
            scope.evidence("load switch", "the relay is armed (ready_for_reconnection, control "
                    + LoadSwitchState.describeMode(before.controlMode()) + "); completing the reconnection locally");
            result.put("completedBy", completeLocally(scope));
            try (MeterSession reader = meter.open(ClientJob.READER)) {
                after = reader.readLoadSwitch(disconnect);
            }
        } else {
            result.put("armed", false);
            scope.evidence("load switch", "nothing to complete: the relay is " + before.relay().name().toLowerCase(
                    java.util.Locale.ROOT) + " (" + before.controlState() + ")");
        }
        loadSwitchFields(after, result, scope);
        return result;
    }

    /**
     * Completes a reconnection the meter only armed, as a lab does: the bench's button actuator, else the
     * operator presses the meter's button.
     *
     * @return "bench" or "operator"
     */
    private static String completeLocally(StepScope scope) throws IOException, StepError {
        if (scope.instruments.bench().isPresent()) {
            try {
                scope.instruments.bench().get().pressButton(scope.position());
                scope.evidence("load switch", "the bench pressed the meter's button at position " + scope.position());
                return "bench";
            } catch (DeviceException e) {
                scope.evidence("load switch", "the bench cannot press the button (" + e.getMessage()
                        + "); asking the operator");
            }
        }
        try {
            scope.instruments.prompter().ask(scope.position(), Action.PromptKind.CONFIRM, "The meter at position "
                    + scope.position() + " is armed for reconnection: press its button to close the relay");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepError("interrupted while the operator was asked to press the meter's button");
        } catch (OperatorPrompter.PromptDeclinedException e) {
            throw new StepError("the meter only armed its relay and the operator did not press its button: "
                    + e.getMessage());
        }
        return "operator";
    }

    /** The load switch as the meter reports it, read by the reader client on the optical port. */
    static LoadSwitchState readLoadSwitch(StepScope scope) throws IOException {
        ProfiledMeter meter = PositionMeter.of(scope, scope.setup.optical());
        Obis disconnect = meter.profile().objects().require(MeterObject.DISCONNECT_CONTROL, meter.profile().describe());
        try (MeterSession session = meter.open(ClientJob.READER)) {
            return session.readLoadSwitch(disconnect);
        }
    }

    private static void loadSwitchFields(LoadSwitchState state, StepResult result, StepScope scope) {
        result.put("outputState", state.outputState());
        result.put("controlState", state.controlState().name());
        result.put("loadSwitch", state.outputState() ? "CLOSED" : "OPEN");
        result.put("relay", state.relay().name());
        scope.measurement("outputState", state.outputState());
        scope.measurement("controlState", state.controlState().name());
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
