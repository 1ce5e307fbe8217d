package org.testbench.sequences.language;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testbench.mdms.binding.Capability;

/**
 * What a step does. Every kind names a capability of the bench, the meter or the MDMS; there is no
 * general-purpose scripting. The YAML name of each kind is {@link #kind()}.
 */
public sealed interface Action {

    String kind();

    /**
     * The fields of this step's result when the file alone tells them (what a meter.read reads), so a reference
     * to a field it will not have is refused before anything runs; empty when they depend on the configuration
     * (an MDMS answer's values come from the binding). A step with retries also has {@code attempts}.
     */
    default Optional<java.util.Set<String>> fields() {
        return Optional.empty();
    }

    /** The fields the meter's load switch state gives (meter.read of loadSwitch, meter.switch). */
    java.util.Set<String> LOAD_SWITCH_FIELDS = java.util.Set.of("outputState", "controlState", "loadSwitch", "relay");

    /** The optical port (default) or the AMI port of the meter at the position. */
    enum Via { OPTICAL, AMI }

    /**
     * Reads named objects ({@code serial}, {@code logicalDeviceName}, {@code firmware}, {@code clock},
     * {@code energyImport}, {@code energyExport}, {@code loadSwitch}) or OBIS codes over the public client.
     */
    record MeterRead(List<String> objects, Via via) implements Action {
        public static final List<String> NAMED_OBJECTS = List.of("serial", "logicalDeviceName", "firmware", "clock",
                "energyImport", "energyExport", "loadSwitch");

        public String kind() {
            return "meter.read";
        }

        /** The result field of a named object or OBIS code: {@code serial}, {@code obis_1_0_1_8_0_255}. */
        public static String fieldName(String object) {
            return NAMED_OBJECTS.contains(object) ? object
                    : "obis_" + org.testbench.drivers.dlms.Obis.parse(object).toString().replace('.', '_');
        }

        @Override
        public Optional<java.util.Set<String>> fields() {
            java.util.Set<String> fields = new java.util.TreeSet<>();
            objects.forEach(o -> fields.add(fieldName(o)));
            fields.add("unavailable"); // present when the meter type lacks or the meter refuses an object
            if (objects.contains("loadSwitch")) {
                fields.addAll(LOAD_SWITCH_FIELDS);
            }
            return Optional.of(fields);
        }
    }

    /**
     * Opens or closes the load switch through the meter's own management association, or completes a reconnection
     * the meter only armed ({@code complete}: the bench's button or the operator, no command to the meter).
     */
    record MeterSwitch(SwitchAction action, Via via) implements Action {
        public String kind() {
            return "meter.switch";
        }

        public boolean close() {
            return action == SwitchAction.CLOSE;
        }

        @Override
        public Optional<java.util.Set<String>> fields() {
            java.util.Set<String> fields = new java.util.TreeSet<>(LOAD_SWITCH_FIELDS);
            fields.add("armed"); // present when the meter only armed the relay and the bench completed it
            fields.add("before"); // complete: the relay as the meter reported it before (OPEN, ARMED, CLOSED)
            fields.add("completedBy");
            return Optional.of(fields);
        }
    }

    /** What {@code meter.switch} does. */
    enum SwitchAction {
        OPEN, CLOSE,
        /** Presses the button of a meter whose relay is armed (ready_for_reconnection); nothing otherwise. */
        COMPLETE
    }

    /**
     * DLMS negative tests over the meter's AMI port with the position's keys: each named attack (all when the
     * list is empty) must be refused, and the meter must keep answering; an accepted attack is a SECURITY finding.
     */
    /**
     * @param layers the layers whose tests run ({@code layer:}; hdlc over the optical port, the others over the AMI
     *               port); empty: the ciphered attacks named in {@code attacks}, as before layers existed
     */
    record MeterAttack(List<String> attacks, List<String> layers) implements Action {
        /** The layers {@code layer:} can name. */
        public static final List<String> LAYERS = List.of("hdlc", "wrapper", "acse", "apdu");

        public MeterAttack(List<String> attacks) {
            this(attacks, List.of());
        }

        /** The attacks a sequence can name, in the order they run. */
        public static final List<String> ATTACKS = List.of("replayed-counter", "lower-counter", "flipped-tag",
                "wrong-key", "wrong-system-title", "wrong-apdu-length", "wrong-wrapper-length", "too-long-frame");

        public String kind() {
            return "meter.attack";
        }
    }

    /**
     * Gets a meter's keys from the MDMS ({@code keys.get}), wrapped for the bench's identity (CMS
     * AuthEnvelopedData), unwraps them and holds them in memory for the position's later steps, which use
     * them instead of the keystore; they are destroyed when the position ends. The serial is the position's
     * unless given.
     */
    record MdmsKeys(Optional<Template> serial) implements Action {
        public String kind() {
            return "mdms.keys.get";
        }
    }

    /** The bench's source: on or off, optionally new voltage, current and phase. */
    record BenchSource(boolean on, Optional<Template> voltage, Optional<Template> current, Optional<Template> phase)
            implements Action {
        public String kind() {
            return "bench.source";
        }
    }

    /** Voltage, current, active and apparent power at the position. */
    record BenchMeasure() implements Action {
        public String kind() {
            return "bench.measure";
        }
    }

    record BenchAmiLink(boolean up) implements Action {
        public String kind() {
            return "bench.amiLink";
        }
    }

    record BenchSupply(boolean on) implements Action {
        public String kind() {
            return "bench.supply";
        }
    }

    /**
     * Calls an MDMS capability through the binding ({@code mdms.loadSwitch.open}); an asynchronous
     * command is followed to its end unless {@code follow} is false.
     */
    record MdmsCall(Capability capability, Map<String, Template> params, boolean follow) implements Action {
        public MdmsCall {
            java.util.Objects.requireNonNull(capability, "capability");
        }

        public String kind() {
            return "mdms." + capability.id();
        }
    }

    /**
     * Brings the witnesses of a load switch together: the meter's output_state (optical), the bench's
     * current, and optionally what the MDMS claims; any disagreement with the expected position is a
     * {@code DATA_INCONSISTENCY} finding that names who disagrees.
     */
    record VerifyLoadSwitch(boolean expectClosed, Optional<Template> mdmsClaim, Template nominalCurrent,
                            Template openBelow, double closedTolerancePercent) implements Action {
        public String kind() {
            return "verify.loadSwitch";
        }
    }

    record CheckValue(Check check) implements Action {
        public String kind() {
            return "check";
        }
    }

    /** Repeats an action every {@code interval} until every check holds or {@code timeout} passes. */
    record Poll(Action action, List<Check> until, Duration timeout, Duration interval) implements Action {
        public String kind() {
            return "poll";
        }
    }

    /** Asks the operator: confirm, or enter/scan a value (a nameplate serial) stored under {@code field}. */
    record Prompt(PromptKind promptKind, Template message, String field) implements Action {
        public String kind() {
            return "prompt";
        }
    }

    enum PromptKind { CONFIRM, ENTER, SCAN }

    record Wait(Duration duration) implements Action {
        public String kind() {
            return "wait";
        }
    }

    /**
     * Audits the TLS configuration of the MDMS endpoint (default: the configured MDMS's URL and CA)
     * against NIST SP 800-52 Rev. 2; every FAIL finding of the audit is a {@code SECURITY} finding of
     * the step.
     */
    record TlsAudit(Optional<Template> url, Optional<Template> ca) implements Action {
        public String kind() {
            return "tls.audit";
        }
    }

    /** What the bench does to a meter to provoke a tamper event. */
    enum TamperKind { COVER, MAGNET }

    /** Opens the meter's terminal cover, or holds a magnet to it (SCPI {@code ROUTe:TAMPer}). */
    record BenchTamper(TamperKind tamper) implements Action {
        public String kind() {
            return "bench.tamper";
        }
    }

    /** The pushed events the bench can expect, with the meter's event code of each (docs/events.md). */
    enum EventKind {
        LAST_GASP(2), POWER_RESTORED(1), TAMPER_COVER(40), TAMPER_MAGNET(42), DISCONNECT(61), RECONNECT(62);

        private final int code;

        EventKind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The name in payloads and sequences, e.g. {@code last-gasp}. */
        public String externalName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Where an event must arrive: on the broker, in the MDMS's records, or both. */
    enum EventVia { BROKER, MDMS, BOTH }

    /**
     * Waits for the event the last provoking step caused: on the broker and/or in the MDMS's
     * notifications, each within {@code within} of the provocation ({@code LATENCY} beyond,
     * {@code EVENT_MISSING} when it does not come within {@code timeout}); verifies its signature with
     * the meter's key ({@code SIGNATURE_INVALID}); flags a second MDMS record ({@code EVENT_DUPLICATED})
     * and an MDMS that did not check the signature ({@code SIGNATURE_NOT_CHECKED}); with {@code replay},
     * re-publishes the captured message and a copy with a forged signature and checks that neither
     * creates a record; with {@code meterLog}, reads the meter's event log over the optical port and
     * checks that this event and the earlier ones of the position are in it.
     */
    record EventsExpect(EventKind type, EventVia via, Duration within, Duration timeout, boolean verifySignature,
                        boolean meterLog, boolean replay) implements Action {
        public String kind() {
            return "events.expect";
        }
    }
}
