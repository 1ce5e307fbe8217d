package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.binding.BindingProblem.Kind;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.Specs;

class BindingValidationTests {

    private static final ApiCatalog V1 = Specs.load("mdms-v1.yaml");

    /** The sample binding with one capability's entry replaced by {@code entryYaml}. */
    private static BindingCheck checkWith(String capability, String entryYaml) throws Exception {
        Binding sample = Samples.binding();
        Binding replacement = Binding.parse("binding: 1\ncapabilities:\n  " + capability + ":\n"
                + entryYaml.stripIndent().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n"), "test");
        Binding binding = sample;
        for (BindingEntry entry : replacement.entries()) {
            binding = binding.with(entry);
        }
        return binding.validate(V1);
    }

    private static List<String> errors(BindingCheck check) {
        return check.errors().stream().map(BindingProblem::message).toList();
    }

    @Test
    void sampleBindingIsCompleteForTheReferenceApi() {
        BindingCheck check = Samples.binding().validate(V1);
        assertThat(check.problems()).isEmpty();
        assertThat(check.isUsable()).isTrue();
        assertThat(check).hasToString("binding is complete");
    }

    @Test
    void unknownOperationOffersTheNearMiss() throws Exception {
        BindingCheck check = checkWith("loadSwitch.open", """
                operation: createLoadSwitchCmd
                parameters: {serial: '${serial}'}
                body: {action: OPEN}
                """);
        assertThat(errors(check)).containsExactly("loadSwitch.open: operation 'createLoadSwitchCmd' is not in"
                + " Testbench reference MDMS API 1.0.0 (did you mean createLoadSwitchCommand?)");
        assertThat(check.isUsable()).isFalse();
    }

    @Test
    void unknownMethodAndPathNamesTheMethodsThePathHas() throws Exception {
        BindingCheck check = checkWith("meter.get", "operation: DELETE /meters/{serial}\n");
        assertThat(errors(check)).containsExactly("meter.get: operation 'DELETE /meters/{serial}' is not in"
                + " Testbench reference MDMS API 1.0.0 (the path has GET)");
    }

    @Test
    void missingAndUnknownParametersAreNamed() throws Exception {
        BindingCheck check = checkWith("meter.get", """
                operation: getMeter
                parameters: {meterId: '${serial}'}
                values: {serial: /serial}
                """);
        assertThat(errors(check)).containsExactly(
                "meter.get: parameter 'meterId' is not a parameter of getMeter (GET /meters/{serial}); it has: serial",
                "meter.get: getMeter (GET /meters/{serial}) requires path parameter 'serial', which the binding does not set");
    }

    @Test
    void bodyValuesAreCheckedAgainstTheRequestSchema() throws Exception {
        BindingCheck check = checkWith("loadSwitch.open", """
                operation: createLoadSwitchCommand
                parameters: {serial: '${serial}'}
                body: {action: SHUT, force: true}
                async: true
                values: {commandId: /commandId}
                """);
        assertThat(errors(check)).containsExactly(
                "loadSwitch.open: body field 'action' = SHUT is not one of OPEN, CLOSE",
                "loadSwitch.open: body field 'force' is not in the request schema LoadSwitchCommandRequest of"
                        + " createLoadSwitchCommand (POST /meters/{serial}/load-switch/commands) (it has: action)");
    }

    @Test
    void missingBodyAndUnexpectedBodyAreNamed() throws Exception {
        assertThat(errors(checkWith("loadSwitch.close", """
                operation: createLoadSwitchCommand
                parameters: {serial: '${serial}'}
                async: true
                values: {commandId: /commandId}
                """))).containsExactly("loadSwitch.close: createLoadSwitchCommand (POST /meters/{serial}/load-switch/commands)"
                + " requires a request body with action; the binding gives no body fields");
        assertThat(errors(checkWith("billing.newPeriod", """
                operation: startNewBillingPeriod
                parameters: {serial: '${serial}'}
                body: {period: next}
                """))).containsExactly("billing.newPeriod: startNewBillingPeriod (POST /meters/{serial}/billing/new-period)"
                + " takes no request body, but the binding gives body fields period");
    }

    @Test
    void pointerNotInTheResponseSchemaNamesWhatTheSchemaHas() throws Exception {
        BindingCheck check = checkWith("registers.read", """
                operation: readRegister
                parameters: {serial: '${serial}', obis: '${obis}'}
                values: {value: /val, unit: /unit}
                """);
        assertThat(errors(check)).containsExactly("registers.read: value 'value' at /val is not in the 200 response"
                + " schema RegisterReading of readRegister (GET /meters/{serial}/registers/{obis}) (it has: serial,"
                + " obis, value, unit, meterTimestamp, readTimestamp)");
        assertThat(check.problemsFor(Capability.REGISTERS_READ)).extracting(BindingProblem::kind)
                .containsExactly(Kind.POINTER_NOT_IN_SCHEMA);
    }

    @Test
    void valuesTheBenchReadsMustBeBound() throws Exception {
        BindingCheck check = checkWith("loadSwitch.status", """
                operation: getLoadSwitchStatus
                parameters: {serial: '${serial}'}
                values: {readAt: /readAt}
                """);
        assertThat(errors(check)).containsExactly(
                "loadSwitch.status: no pointer for 'state', which the bench reads (add it under values)");
    }

    @Test
    void asynchronousCommandsNeedCommandStatus() throws Exception {
        Binding withoutStatus = new Binding(Samples.binding().entries().stream()
                .filter(e -> e.capability() != Capability.COMMAND_STATUS).toList(), List.of(), "", "", "");
        assertThat(errors(withoutStatus.validate(V1))).contains(
                "loadSwitch.open is asynchronous but command.status is not bound: the bench cannot follow the command");
        assertThat(withoutStatus.validate(V1).warnings()).extracting(BindingProblem::message)
                .contains("command.status is not bound: sequences that use it cannot run");
    }

    @Test
    void statesAreComparedWithTheStatusEnum() throws Exception {
        BindingCheck check = checkWith("command.status", """
                operation: getCommand
                parameters: {commandId: '${commandId}'}
                values: {status: /status}
                states: {pending: [PENDING, QUEUED], executed: [EXECUTED], failed: [FAILED]}
                """);
        assertThat(check.warnings()).extracting(BindingProblem::message).containsExactly(
                "command.status: state 'QUEUED' is not a value the schema allows at /status (enum: PENDING, EXECUTED, FAILED)");
        assertThat(check.isUsable()).isTrue();
    }

    @Test
    void placeholderTyposAreWarnedAbout() throws Exception {
        BindingCheck check = checkWith("events.list", """
                operation: listMeterEvents
                parameters: {serial: '${serail}'}
                values: {events: /events}
                """);
        assertThat(check.warnings()).extracting(BindingProblem::message).containsExactly(
                "events.list: ${serail} is not among the values the bench supplies for it (serial); the caller must pass it");
    }

    @Test
    void patternsForStatusesTheOperationDoesNotDocumentAreWarnedAbout() throws Exception {
        BindingCheck check = checkWith("meter.get", """
                operation: getMeter
                parameters: {serial: '${serial}'}
                values: {serial: /serial}
                meterUnreachable:
                  - status: 503
                    pointer: /errorCode
                    equals: OFFLINE
                """);
        assertThat(check.warnings()).extracting(BindingProblem::message).containsExactly(
                "meter.get: meterUnreachable pattern 'status 503 and /errorCode = OFFLINE' expects status 503, which"
                        + " getMeter (GET /meters/{serial}) does not document");
    }
}
