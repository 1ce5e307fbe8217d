package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.OperationKey;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.Specs;

class BindingSuggestionTests {

    @Test
    void suggestsWhatTheEngineerWroteForTheReferenceApi() {
        ApiCatalog v1 = Specs.load("mdms-v1.yaml");
        SuggestedBinding suggested = Binding.suggest(v1);
        Binding sample = Samples.binding();

        assertThat(suggested.unmatched()).isEmpty();
        for (BindingEntry written : sample.entries()) {
            BindingEntry guess = suggested.binding().entry(written.capability()).orElseThrow();
            assertThat(guess.operation()).as(written.capability().id()).isEqualTo(written.operation());
            assertThat(guess.parameters()).as(written.capability().id()).isEqualTo(written.parameters());
            assertThat(guess.body()).as(written.capability().id()).isEqualTo(written.body());
            assertThat(guess.asynchronous()).as(written.capability().id()).isEqualTo(written.asynchronous());
            assertThat(written.values()).as(written.capability().id()).containsAllEntriesOf(guess.values());
            assertThat(guess.states()).isEqualTo(written.states());
            assertThat(guess.meterUnreachable()).isEqualTo(written.meterUnreachable());
        }
        assertThat(suggested.binding().defaultMeterUnreachable()).isEqualTo(sample.defaultMeterUnreachable());
        assertThat(suggested.binding().validate(v1).problems()).isEmpty();
    }

    @Test
    void suggestionFileExplainsEachChoiceAndLoadsBack() throws Exception {
        SuggestedBinding suggested = Binding.suggest(Specs.load("mdms-v1.yaml"));
        String yaml = suggested.toYaml();
        assertThat(yaml).contains("  # suggested (score 46): POST /meters/{serial}/load-switch/commands; words load, switch;"
                + " answer has commandId, status; answers 202 Accepted; body field /action takes OPEN\n  loadSwitch.open:\n");
        Binding loaded = Binding.parse(yaml, "suggested.binding.yaml");
        assertThat(loaded.entries()).hasSize(Capability.values().length);
        assertThat(suggested.suggestions()).filteredOn(s -> s.capability() == Capability.COMMAND_STATUS).singleElement()
                .satisfies(s -> assertThat(s.reasons()).contains("answer has a pending-like status"));
    }

    @Test
    void followsTheMovedCommandResourceOfVersionTwo() {
        BindingEntry status = Binding.suggest(Specs.load("mdms-v2.yaml")).binding()
                .entry(Capability.COMMAND_STATUS).orElseThrow();
        assertThat(status.operation()).isEqualTo(OperationRef.byId("getCommand"));
        assertThat(status.parameters().keySet()).containsExactly("serial", "commandId");
        assertThat(status.parameters().get("commandId").renderText(Map.of("commandId", "c-1"))).isEqualTo("c-1");
    }

    @Test
    void bindsASynchronousRelayOfALegacyApi() {
        ApiCatalog legacy = Specs.load("mdms-swagger2.yaml");
        SuggestedBinding suggested = Binding.suggest(legacy);
        BindingEntry open = suggested.binding().entry(Capability.LOAD_SWITCH_OPEN).orElseThrow();
        assertThat(open.operation()).isEqualTo(OperationRef.byId("setRelay"));
        assertThat(open.body().get("state")).hasToString("OPEN");
        assertThat(suggested.binding().entry(Capability.LOAD_SWITCH_CLOSE).orElseThrow().body().get("state"))
                .hasToString("CLOSED");
        assertThat(open.asynchronous()).isFalse();
        BindingCheck check = suggested.binding().validate(legacy);
        assertThat(check.errors()).isEmpty();
        assertThat(check.problemsFor(Capability.LOAD_SWITCH_OPEN)).extracting(BindingProblem::message).containsExactly(
                "loadSwitch.open: the bench expects a command to follow, but the entry is not async: the answer"
                        + " will be taken as the final outcome");
    }

    @Test
    void usesMethodAndPathWhenThereIsNoOperationIdAndLeavesTheRestToTheEngineer() {
        SuggestedBinding suggested = Binding.suggest(Specs.load("vendor-poor.yaml"));
        BindingEntry meter = suggested.binding().entry(Capability.METER_GET).orElseThrow();
        assertThat(meter.operation()).isEqualTo(OperationRef.byKey(OperationKey.parse("GET /api/meter/{id}")));
        assertThat(meter.parameters().get("id")).hasToString("${serial}");
        assertThat(meter.value("serial")).hasValue(JsonPointer.compile("/id"));
        assertThat(suggested.unmatched()).contains(Capability.LOAD_SWITCH_OPEN, Capability.COMMAND_STATUS,
                Capability.KEYS_GET);
        assertThat(suggested.unbound().get(Capability.LOAD_SWITCH_OPEN)).isEqualTo("no PATCH/POST/PUT operation whose path,"
                + " name or answer speaks of load, switch, relay, breaker, disconnect");
        assertThat(suggested.toYaml()).contains("  # loadSwitch.open: could not bind: no PATCH/POST/PUT operation whose path,"
                + " name or answer speaks of load, switch, relay, breaker, disconnect; bind by hand\n");
    }
}
