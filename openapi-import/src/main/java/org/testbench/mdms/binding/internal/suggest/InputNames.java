package org.testbench.mdms.binding.internal.suggest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.testbench.mdms.binding.Capability;

/**
 * The bench input a parameter or body field takes, by its name: a meter's serial is called {@code serial},
 * {@code meterId}, {@code meterNumber}, {@code deviceSerial}, {@code mRID}, {@code serialNumber}, {@code thingId}…
 * A name that is none of the inputs the bench supplies has no input: the suggester never invents one.
 */
public final class InputNames {

    private static final Pattern SERIAL = Pattern.compile(
            "(meter|device|thing|endpoint|asset|node|station|charger|unit|equipment)?"
                    + "(serial(no|nr|number|num)?|sn|id|identifier|uid|uniqueid|number|no|nr|name|mrid|eui|deveui)"
                    + "|mrid|meter|device|thing|serial(no|nr|number|num)?|deveui|uniqueid|meterpoint|mpan|mprn|metering(point)?id");
    private static final Pattern OBIS = Pattern.compile("obis(code|id)?|register(id|code|name)?|(reading|resource|quantity|channel|measurement|datapoint)(type|id|name|code)?|command");
    private static final Pattern COMMAND = Pattern.compile("(command|job|task|operation|request|action|execution|transaction)(id|identifier|uuid)?");

    private InputNames() {
    }

    /** The name without case, dashes and underscores: {@code meter_id}, {@code Meter-Id} → {@code meterid}. */
    public static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    }

    /** Whether the name can carry a meter's (or a device's) own identifier. */
    public static boolean isSerial(String name) {
        return SERIAL.matcher(normal(name)).matches();
    }

    /**
     * The input among {@code capability}'s own (and {@code commandId} for command.status) that a parameter
     * with this name takes; empty when the bench supplies nothing like it.
     */
    public static Optional<String> inputFor(Capability capability, String name) {
        String n = normal(name);
        if (capability == Capability.COMMAND_STATUS && (COMMAND.matcher(n).matches() || n.equals("id"))) {
            return Optional.of("commandId");
        }
        if (capability.inputs().contains("obis") && OBIS.matcher(n).matches()) {
            return Optional.of("obis");
        }
        if (capability.inputs().contains("message") && (n.contains("message") || n.equals("text"))) {
            return Optional.of("message");
        }
        if (capability.inputs().contains("visible") && (n.contains("visible") || n.equals("show") || n.equals("enabled"))) {
            return Optional.of("visible");
        }
        if (capability.inputs().contains("benchCertificate") && n.contains("cert")) {
            return Optional.of("benchCertificate");
        }
        // command.status is called with the original call's inputs too: the serial is known there.
        if (isSerial(name) && !COMMAND.matcher(n).matches()) {
            return Optional.of("serial");
        }
        return Optional.empty();
    }
}
