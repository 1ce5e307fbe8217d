package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.Corpus;
import org.testbench.mdms.testing.CorpusScore;

/**
 * The suggester against public APIs it was not written for (the corpus, see its SOURCES.md): whatever it
 * binds must be usable, must ask only for what the bench supplies, and whatever it cannot bind must say why.
 */
class SuggesterCorpusTests {

    static Stream<Path> corpus() {
        List<Path> all = new ArrayList<>(Corpus.kept());
        all.addAll(Corpus.fetched());
        return all.stream();
    }

    @Test
    void theCorpusIsThere() {
        assertThat(Corpus.kept()).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everySuggestionValidatesAgainstItsSpec(Path spec) throws BindingException {
        CorpusScore score = CorpusScore.of(spec);
        SuggestedBinding suggested = score.suggested();
        assertThat(suggested.binding().validate(score.catalog()).errors()).as(score.file()).isEmpty();
        Binding loaded = Binding.parse(suggested.toYaml(), "suggested");
        assertThat(loaded.entries().stream().map(SuggesterCorpusTests::unlocated).toList())
                .as(score.file()).containsExactlyElementsOf(suggested.binding().entries());
        assertThat(loaded.inputs()).isEqualTo(suggested.binding().inputs());
        assertThat(loaded.format()).isEqualTo(suggested.binding().format());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void placeholdersAreOnlyInputsTheBenchSupplies(Path spec) {
        Binding binding = CorpusScore.of(spec).suggested().binding();
        for (BindingEntry entry : binding.entries()) {
            Set<String> supplied = new java.util.HashSet<>(entry.capability().inputs());
            if (entry.capability() == Capability.COMMAND_STATUS) {
                supplied.add("serial");
            }
            for (InputRule rule : binding.inputs().values()) {
                if (!rule.isChained()) {
                    continue; // how an input of the bench's is written (obis: "C.D.E")
                }
                // A chained input comes from a value meter.get reads, for a meter.get that needs none.
                BindingEntry from = binding.entry(rule.from().orElseThrow()).orElseThrow();
                assertThat(from.source(rule.value())).as(spec.getFileName() + " " + rule.name()).isPresent();
                assertThat(Binding.placeholders(from)).doesNotContain(rule.name());
                supplied.add(rule.name());
            }
            Binding.placeholders(entry)
                    .forEach(name -> assertThat(supplied).as(spec.getFileName() + " " + entry.capability()).contains(name));
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyCapabilityIsBoundOrHasAReason(Path spec) {
        SuggestedBinding suggested = CorpusScore.of(spec).suggested();
        Set<Capability> covered = EnumSet.noneOf(Capability.class);
        suggested.binding().entries().forEach(e -> covered.add(e.capability()));
        suggested.unbound().forEach((capability, reason) -> {
            assertThat(covered).as("bound and unbound at once: " + capability).doesNotContain(capability);
            assertThat(reason).as(spec.getFileName() + " " + capability).isNotBlank();
            covered.add(capability);
        });
        assertThat(covered).containsExactlyInAnyOrder(Capability.values());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void theEngineersBindingsValidateToo(Path spec) {
        CorpusScore score = CorpusScore.of(spec);
        score.engineer().ifPresent(b -> assertThat(b.validate(score.catalog()).errors()).as(score.file()).isEmpty());
    }

    @Test
    void matchesTheEngineerOnTheNamedCapabilities() {
        CorpusScore edgex = score("edgex-core-metadata.yaml");
        assertThat(edgex.correct()).containsExactly(Capability.METER_GET);
        // Traccar: the meter is the element of a search on its unique id that has that unique id.
        assertThat(score("traccar-5.6.json").correct()).containsExactly(Capability.METER_GET);
        // Ditto: the thing is found, but the namespace is the lab's own, which no example can tell.
        CorpusScore ditto = score("ditto-api-2.yaml");
        BindingEntry thing = ditto.suggested().binding().entry(Capability.METER_GET).orElseThrow();
        assertThat(thing.operation()).isEqualTo(ditto.engineer().orElseThrow().entry(Capability.METER_GET).orElseThrow().operation());
        assertThat(thing.value("serial")).hasValueSatisfying(p -> assertThat(p).hasToString("/thingId"));
    }

    @Test
    void readsCorrentlysRegisterAtTheKeyOfTheCodeAskedFor() {
        // Corrently answers one property per register, named C.D.E ("1.8.0"), in Wh as the descriptions say.
        SuggestedBinding corrently = score("corrently-2.0.0.json").suggested();
        BindingEntry read = corrently.binding().entry(Capability.REGISTERS_READ).orElseThrow();
        assertThat(read.operation()).hasToString("meteringGet");
        assertThat(read.value("value")).hasValueSatisfying(p -> assertThat(p).hasToString("/${obis}"));
        assertThat(read.source("unit").flatMap(ValueSource::literal).map(Object::toString)).contains("\"Wh\"");
        assertThat(corrently.binding().input("obis").flatMap(InputRule::obis)).contains(InputRule.ObisForm.CDE);
    }

    @Test
    void bindsTheRelayOfAnApiThatSwitchesItWithABooleanFlag() {
        // The shape of smart-me's PUT /api/Devices/{id}?switchState=true|false, in a spec written here.
        ApiCatalog catalog = org.testbench.mdms.testing.Specs.load("corpus-shapes.yaml");
        SuggestedBinding suggested = Binding.suggest(catalog);
        BindingEntry open = suggested.binding().entry(Capability.LOAD_SWITCH_OPEN).orElseThrow();
        assertThat(open.parameters()).containsEntry("switchState", ValueTemplate.literal(
                com.fasterxml.jackson.databind.node.BooleanNode.FALSE));
        assertThat(suggested.binding().entry(Capability.LOAD_SWITCH_CLOSE).orElseThrow().parameters())
                .containsEntry("switchState", ValueTemplate.literal(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
        BindingEntry meter = suggested.binding().entry(Capability.METER_GET).orElseThrow();
        assertThat(meter.parameters().get("meterNumber")).hasToString("MTR-${serial}");
        BindingEntry read = suggested.binding().entry(Capability.REGISTERS_READ).orElseThrow();
        assertThat(read.value("value")).hasValueSatisfying(p -> assertThat(p).hasToString("/readings/0/value"));
        assertThat(read.parameters().get("obisCode")).hasToString("${obis}");
        assertThat(suggested.unbound().get(Capability.EVENTS_LIST)).contains("query parameter 'tenant' (required)");
        assertThat(suggested.binding().validate(catalog).errors()).isEmpty();
    }

    /** The entry as it would be built in code: what was read, without where it was read from. */
    private static BindingEntry unlocated(BindingEntry e) {
        return new BindingEntry(e.capability(), e.operation(), e.parameters(), e.body(), e.sources(), e.asynchronous(),
                e.states(), e.meterUnreachable(), java.util.Optional.empty(), e.otherBody());
    }

    private static CorpusScore score(String file) {
        return CorpusScore.of(Corpus.kept().stream().filter(p -> p.getFileName().toString().equals(file)).findFirst()
                .orElseThrow());
    }
}
