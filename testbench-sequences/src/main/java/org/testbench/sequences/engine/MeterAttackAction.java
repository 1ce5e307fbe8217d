package org.testbench.sequences.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.testbench.drivers.dlms.AttackKind;
import org.testbench.drivers.dlms.AttackLayer;
import org.testbench.drivers.dlms.MeterAttacks;
import org.testbench.drivers.dlms.MeterAttacks.AttackResult;
import org.testbench.drivers.dlms.MeterAttacks.Report;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;

/**
 * {@code meter.attack}: the DLMS negative tests over the position's AMI port with the position's keys, or
 * those of the link and association layers. An accepted attack is a {@code SECURITY} or {@code CONFORMANCE}
 * finding, as the attack's kind says; a meter that stops answering correct requests is a {@code SECURITY}
 * finding. The evidence is the exchanged frames — ciphered APDUs or public ones, which carry no key.
 */
final class MeterAttackAction {

    /** A too-long frame is 64 KiB; evidence keeps its start, which shows what it was, and its length. */
    private static final int MAX_FRAME_HEX = 512;

    private MeterAttackAction() {
    }

    static StepResult run(Action.MeterAttack action, StepScope scope) throws IOException, StepError {
        Report report;
        MeterChannel ami;
        if (action.layers().isEmpty()) {
            ami = scope.setup.ami().orElseThrow(() -> new StepError("position " + scope.position()
                    + " has no AMI port configured: meter.attack runs over the AMI port"));
            PositionKeys keys = PositionKeys.of(scope, "meter.attack");
            org.testbench.drivers.profile.ProfiledMeter meter = new org.testbench.drivers.profile.ProfiledMeter(
                    scope.setup.profile(), ami, scope.context.serial(), java.util.Optional.of(keys),
                    scope.sessionOptions());
            report = MeterAttacks.run(ami, keys, meter.attackTarget(), scope.sessionOptions(),
                    action.attacks());
        } else {
            // hdlc over the optical port; the other layers over the AMI port, or the optical one without it.
            List<AttackLayer> layers = action.layers().stream().map(AttackLayer::ofExternal).toList();
            List<AttackLayer> optical = layers.stream().filter(l -> l == AttackLayer.HDLC
                    || scope.setup.ami().isEmpty()).toList();
            List<AttackLayer> overAmi = layers.stream().filter(l -> !optical.contains(l)).toList();
            List<AttackResult> all = new ArrayList<>();
            boolean kept = true;
            String serial = "";
            String finalCheck = "";
            ami = scope.setup.ami().orElse(scope.setup.optical());
            for (List<AttackLayer> part : List.of(optical, overAmi)) {
                if (part.isEmpty()) {
                    continue;
                }
                MeterChannel channel = part == optical ? scope.setup.optical() : ami;
                Report r = PositionMeter.of(scope, channel).attack(part.stream()
                        .filter(l -> l.appliesTo(channel.framing())).toList(), action.attacks());
                all.addAll(r.attacks());
                kept = kept && r.keptWorking();
                serial = r.serial();
                finalCheck = r.finalCheck();
            }
            report = new Report(serial, all, kept, finalCheck);
        }
        scope.serialKnown(report.serial());

        StepResult result = new StepResult();
        int refused = 0;
        int accepted = 0;
        List<String> couldNotRun = new ArrayList<>();
        for (AttackResult a : report.attacks()) {
            String evidence = evidence(ami, a);
            scope.evidence("frames", evidence);
            result.put(fieldName(a.name()), a.verdict().name());
            scope.measurement(fieldName(a.name()), a.verdict().name());
            if (!a.keptAnswering()) {
                scope.finding(Finding.of(FindingType.SECURITY, "meter " + report.serial() + " stopped answering on its "
                        + "link after the " + a.name() + " attack (" + a.layer().external() + "): " + a.detail(),
                        evidence));
            }
            switch (a.verdict()) {
                case REFUSED -> refused++;
                case ACCEPTED -> {
                    accepted++;
                    scope.finding(Finding.of(findingType(a.kind()), "meter " + report.serial() + " accepted the "
                            + a.name() + " attack (" + a.layer().external() + "): " + a.detail(), evidence));
                }
                case ERROR -> couldNotRun.add(a.name() + " (" + a.detail() + ")");
            }
        }
        if (!report.keptWorking()) {
            scope.finding(Finding.of(FindingType.SECURITY, "meter " + report.serial()
                    + " did not keep working after the attacks: " + report.finalCheck(), ami.describe() + ": "
                    + report.finalCheck()));
        }
        result.put("refused", (double) refused).put("accepted", (double) accepted)
                .put("couldNotRun", (double) couldNotRun.size()).put("keptWorking", report.keptWorking());
        scope.measurement("refused", refused);
        scope.measurement("accepted", accepted);
        scope.measurement("keptWorking", report.keptWorking());
        if (!couldNotRun.isEmpty() && accepted == 0 && report.keptWorking()) {
            // Not judged: an attack that could not be sent says nothing about the meter.
            throw new StepError(couldNotRun.size() + " attack(s) could not run: " + String.join("; ", couldNotRun));
        }
        return result;
    }

    /**
     * What an accepted test proves, as its definition says. A meter that falls silent after a test is a
     * SECURITY finding whatever the test: anyone on the link can take the meter off the AMI that way.
     */
    static FindingType findingType(AttackKind kind) {
        return switch (kind) {
            case SECURITY -> FindingType.SECURITY;
            case CONFORMANCE -> FindingType.CONFORMANCE;
        };
    }

    /** {@code replayed-counter} becomes the field {@code replayedCounter}, which a reference can name. */
    static String fieldName(String attack) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : attack.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    private static String evidence(MeterChannel ami, AttackResult a) {
        StringBuilder b = new StringBuilder(ami.describe()).append(": ").append(a.name()).append(' ')
                .append(a.verdict().name().toLowerCase(Locale.ROOT)).append(" — ").append(a.detail());
        for (String frame : a.frames()) {
            b.append('\n').append(frame.length() > MAX_FRAME_HEX + 3
                    ? frame.substring(0, MAX_FRAME_HEX + 3) + "… (" + (frame.length() - 3) / 2 + " bytes)" : frame);
        }
        return b.toString();
    }
}
