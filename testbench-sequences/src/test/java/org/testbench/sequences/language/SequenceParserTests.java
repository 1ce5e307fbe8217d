package org.testbench.sequences.language;

import org.testbench.mdms.binding.Capability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.yaml.InputFileException;

class SequenceParserTests {

    private static Sequence parse(String yaml) throws InputFileException {
        return SequenceParser.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(String yaml, int line, int column, String... fragments) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(InputFileException.class, e -> {
                    assertThat(e.line()).as("line of: " + e.getMessage()).isEqualTo(line);
                    assertThat(e.column()).as("column of: " + e.getMessage()).isEqualTo(column);
                    assertThat(e.getMessage()).startsWith("test.yaml:" + line + ":" + column + ": ");
                    for (String f : fragments) {
                        assertThat(e.problem()).contains(f);
                    }
                });
    }

    @Test
    void aReferenceToAFieldTheMeterReadDoesNotHaveIsRefusedBeforeAnythingRuns() {
        assertError("""
                sequence: identity
                steps:
                  - id: optical
                    meter.read: {objects: [serial, loadSwitch]}
                  - check: {value: "${optical.ser}ial}", equals: "26000001"}
                """, 5, 20, "names field 'ser' of step 'optical' (meter.read)", "serial");
    }

    @Test
    void referencesToTheFieldsAMeterReadHasAreAccepted() throws Exception {
        Sequence s = parse("""
                sequence: identity
                steps:
                  - id: optical
                    meter.read: {objects: [serial, loadSwitch, 1.0.1.8.0.255]}
                    retries: 1
                  - check: {value: "${optical.serial} ${optical.controlState} ${optical.obis_1_0_1_8_0_255}", equals: x}
                  - check: {value: "${optical.attempts}", equals: 1}
                """);
        assertThat(s.steps()).hasSize(3);
    }

    /** Found by the fuzz slice: a control character was refused at 1:1, wherever it was. */
    @Test
    void aControlCharacterIsBadInputAtItsLocation() {
        assertError("sequence: s\nsteps:\n  - wait: 1\u000b s\n", 3, 12,
                "not valid YAML: the character U+000B is not allowed in a YAML file");
    }

    @Test
    void aFileThatIsNotUtf8IsBadInputWithTheLocationOfTheBadByte() {
        byte[] head = """
                sequence: identity
                steps:
                  - id: identity
                    meter.read: {objects: [logicalDeviceName]}
                    expect:
                      - value: ${identity.logicalDeviceName}
                        equals: "TESTBENCH ${position}""".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length - 1] = (byte) 0xFE; // in place of the closing brace, inside the expected value
        bytes[head.length] = (byte) 0xFF;
        bytes[head.length + 1] = '"';
        bytes[head.length + 2] = '\n';

        assertThatThrownBy(() -> SequenceParser.parse("test.yaml", bytes))
                .isInstanceOfSatisfying(InputFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.column()).isEqualTo(38);
                    assertThat(e.problem()).contains("not UTF-8 text: byte 0xfe");
                });
    }

    @Test
    void readsAWholeSequence() throws Exception {
        Sequence s = parse("""
                sequence: e2e-load-switch
                title: End to end
                parameters:
                  nominal: 5 A
                steps:
                  - id: identity
                    meter.read: {objects: [serial, loadSwitch]}
                  - id: source
                    bench.source: {on: true, voltage: 230 V, current: "${nominal}"}
                  - id: open
                    mdms.loadSwitch.open: {serial: "${identity.serial}"}
                    timeout: 2 min
                    retries: 1
                    expect:
                      - value: ${open.outcome}
                        equals: OK
                        finding: UNCLEAR_ERROR
                  - id: verify
                    verify.loadSwitch:
                      expect: open
                      mdms: ${open.state}
                      nominal_current: ${nominal}
                  - check: {value: "${verify.current}", below: 50 mA, finding: DATA_INCONSISTENCY}
                    on_fail: continue
                cleanup:
                  - bench.source: off
                """);
        assertThat(s.name()).isEqualTo("e2e-load-switch");
        assertThat(s.parameters()).containsKey("nominal");
        assertThat(s.steps()).extracting(Step::id).containsExactly("identity", "source", "open", "verify", "step1");
        Step open = s.steps().get(2);
        assertThat(open.action()).isEqualTo(new Action.MdmsCall(Capability.LOAD_SWITCH_OPEN,
                java.util.Map.of("serial", Template.of("${identity.serial}")), true));
        assertThat(open.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(open.retries()).isEqualTo(1);
        assertThat(open.expect()).singleElement().satisfies(c -> {
            assertThat(c.finding()).isEqualTo(FindingType.UNCLEAR_ERROR);
            assertThat(c.limit()).isEqualTo(new Limit.EqualTo(Template.of("OK")));
        });
        assertThat(s.steps().get(4).onFail()).isEqualTo(OnFail.CONTINUE);
        assertThat(s.cleanup()).singleElement().extracting(Step::action)
                .isEqualTo(new Action.BenchSource(false, java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty()));
        assertThat(s.mdmsCapabilities()).containsExactly(Capability.LOAD_SWITCH_OPEN);
        assertThat(s.sha256()).hasSize(64);
    }

    @Nested
    class Errors {

        @Test
        void unknownStepKindNamesTheClosestOne() {
            assertError("""
                    sequence: x
                    steps:
                      - bench.mesure: {}
                    """, 3, 5, "unknown step 'bench.mesure'", "did you mean 'bench.measure'?", "meter.read");
        }

        @Test
        void unknownCapability() {
            assertError("""
                    sequence: x
                    steps:
                      - mdms.loadSwitch.toggle: {}
                    """, 3, 5, "unknown MDMS capability 'loadSwitch.toggle'", "loadSwitch.open");
        }

        @Test
        void referenceToALaterStep() {
            assertError("""
                    sequence: x
                    steps:
                      - check: {value: "${later.current}", below: 1 A}
                      - id: later
                        bench.measure: {}
                    """, 3, 20, "'${later.current}'", "no parameter, built-in name or earlier step");
        }

        @Test
        void malformedReference() {
            assertError("""
                    sequence: x
                    steps:
                      - check: {value: "${ }", equals: 1}
                    """, 3, 20, "malformed reference '${ }'");
        }

        @Test
        void checkWithTwoLimits() {
            assertError("""
                    sequence: x
                    steps:
                      - check: {value: 1, below: 2, above: 0}
                    """, 3, 12, "exactly one limit", "below and above");
        }

        @Test
        void badDuration() {
            assertError("""
                    sequence: x
                    steps:
                      - wait: 5 minutes
                    """, 3, 11, "'5 minutes' is not a duration");
        }

        @Test
        void duplicateStepId() {
            assertError("""
                    sequence: x
                    steps:
                      - id: a
                        bench.measure: {}
                      - id: a
                        bench.measure: {}
                    """, 5, 9, "step name 'a' is already used");
        }

        @Test
        void twoActionsInOneStep() {
            assertError("""
                    sequence: x
                    steps:
                      - bench.measure: {}
                        wait: 1 s
                    """, 4, 5, "a step has one action", "'bench.measure' and 'wait'");
        }

        @Test
        void unknownRootKey() {
            assertError("""
                    sequence: x
                    stepz: []
                    """, 2, 1, "unknown key 'stepz'", "did you mean 'steps'?");
        }

        @Test
        void invalidYaml() {
            assertError("""
                    sequence: x
                    steps:
                      - bench.measure: {
                    """, 4, 1, "not valid YAML");
        }

        @Test
        void anUnquotedReferenceInsideBracesGetsAHint() {
            assertError("""
                    sequence: x
                    steps:
                      - check: {value: ${a}, equals: 1}
                    """, 3, 21, "not valid YAML", "must be quoted");
        }

        @Test
        void unknownFindingType() {
            assertError("""
                    sequence: x
                    steps:
                      - check: {value: 1, equals: 1, finding: DATA_INCONSISTENT}
                    """, 3, 43, "finding 'DATA_INCONSISTENT' is not one of", "data-inconsistency");
        }

        @Test
        void missingSteps() {
            assertError("sequence: x\n", 1, 1, "has no 'steps'");
        }

        @Test
        void promptForAValueNeedsAField() {
            assertError("""
                    sequence: x
                    steps:
                      - prompt: {kind: scan, message: Scan the nameplate}
                    """, 3, 13, "needs 'into'");
        }

        @Test
        void builtInNamesAreReserved() {
            assertError("""
                    sequence: x
                    steps:
                      - id: serial
                        bench.measure: {}
                    """, 3, 9, "'serial' is a built-in name");
        }
    }

    @Test
    void pollConditionsSeeThePolledResult() throws Exception {
        Sequence s = parse("""
                sequence: x
                steps:
                  - id: status
                    poll:
                      step: {mdms.command.status: {}}
                      until:
                        - value: ${status.commandStatus}
                          not_equals: PENDING
                      timeout: 10 min
                      interval: 10 s
                """);
        Action.Poll poll = (Action.Poll) s.steps().get(0).action();
        assertThat(poll.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(poll.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(poll.action()).isInstanceOf(Action.MdmsCall.class);
    }

    @Nested
    class SecuritySteps {

        @Test
        void meterAttackWithoutAListRunsEveryAttack() throws Exception {
            Sequence s = parse("""
                    sequence: x
                    steps:
                      - meter.attack: all
                      - meter.attack: {}
                    """);
            assertThat(s.steps()).allSatisfy(step -> {
                assertThat(step.action()).isEqualTo(new Action.MeterAttack(Action.MeterAttack.ATTACKS));
                assertThat(step.timeout()).isEqualTo(Duration.ofMinutes(5));
            });
        }

        @Test
        void meterAttackByLayerRunsThoseLayersTests() throws Exception {
            Sequence s = parse("""
                    sequence: x
                    steps:
                      - meter.attack: {layer: hdlc}
                      - meter.attack: {layer: [acse, apdu, acse]}
                    """);
            assertThat(s.steps().get(0).action()).isEqualTo(new Action.MeterAttack(List.of(), List.of("hdlc")));
            assertThat(s.steps().get(1).action()).isEqualTo(new Action.MeterAttack(List.of(), List.of("acse", "apdu")));
        }

        @Test
        void anUnknownLayerIsLocated() {
            assertThatThrownBy(() -> parse("""
                    sequence: x
                    steps:
                      - meter.attack: {layer: hdcl}
                    """)).hasMessageContaining("test.yaml:3:").hasMessageContaining("unknown layer 'hdcl'")
                    .hasMessageContaining("hdlc, wrapper, acse, apdu");
        }

        @Test
        void meterAttackRunsTheNamedAttacksInTheirUsualOrder() throws Exception {
            Sequence s = parse("""
                    sequence: x
                    steps:
                      - meter.attack: {attacks: [too-long-frame, replayed-counter]}
                    """);
            assertThat(((Action.MeterAttack) s.steps().get(0).action()).attacks())
                    .containsExactly("replayed-counter", "too-long-frame");
        }

        @Test
        void anUnknownAttackIsNamedWithTheClosestOne() {
            assertError("""
                    sequence: x
                    steps:
                      - meter.attack: {attacks: [replayed-counter, fliped-tag]}
                    """, 3, 48, "unknown attack 'fliped-tag'", "did you mean 'flipped-tag'?", "wrong-system-title");
        }

        @Test
        void anAttackNamedTwiceIsAnError() {
            assertError("""
                    sequence: x
                    steps:
                      - meter.attack: {attacks: [wrong-key, wrong-key]}
                    """, 3, 41, "attack 'wrong-key' is named twice");
        }

        @Test
        void keysGetIsTheKeyDeliveryStepAndCountsAsAnMdmsCapability() throws Exception {
            Sequence s = parse("""
                    sequence: x
                    steps:
                      - id: keys
                        mdms.keys.get: {}
                      - mdms.keys.get: {serial: "${serial}"}
                    """);
            assertThat(s.steps().get(0).action()).isEqualTo(new Action.MdmsKeys(java.util.Optional.empty()));
            assertThat(s.steps().get(0).action().kind()).isEqualTo("mdms.keys.get");
            assertThat(((Action.MdmsKeys) s.steps().get(1).action()).serial()).isPresent();
            assertThat(s.mdmsCapabilities()).containsExactly(Capability.KEYS_GET);
        }

        @Test
        void keysGetTakesNoOtherParameter() {
            assertError("""
                    sequence: x
                    steps:
                      - mdms.keys.get: {benchCertificate: x}
                    """, 3, 21, "benchCertificate");
        }
    }

    @Test
    void tlsAuditDefaultsToTheConfiguredMdmsOrTakesItsOwnUrlAndCa() throws Exception {
        Sequence s = parse("""
                sequence: x
                parameters:
                  ca: /etc/testbench/utility-ca.pem
                steps:
                  - tls.audit: {}
                  - tls.audit:
                  - tls.audit: {url: "https://mdms.example:8443", ca: "${ca}"}
                """);
        assertThat(s.steps()).extracting(st -> st.action().kind()).containsOnly("tls.audit");
        assertThat(((Action.TlsAudit) s.steps().get(0).action()).url()).isEmpty();
        assertThat(((Action.TlsAudit) s.steps().get(1).action()).ca()).isEmpty();
        Action.TlsAudit own = (Action.TlsAudit) s.steps().get(2).action();
        assertThat(own.url()).isPresent();
        assertThat(own.ca()).isPresent();
    }

    @Test
    void tlsAuditRefusesAnUnknownOption() {
        assertError("""
                sequence: x
                steps:
                  - tls.audit: {url: "https://x", cafile: a.pem}
                """, 3, 35, "cafile");
    }
}
