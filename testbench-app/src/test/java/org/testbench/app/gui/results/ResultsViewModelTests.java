package org.testbench.app.gui.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.RunQuery;

class ResultsViewModelTests {

    private final ResultsViewModel model = new ResultsViewModel();

    @Test
    void anEmptyFilterFindsEverything() {
        RunQuery q = model.query();
        assertThat(q.meterSerial()).isEmpty();
        assertThat(q.startedFrom()).isEmpty();
        assertThat(q.startedBefore()).isEmpty();
        assertThat(q.verdicts()).isEmpty();
    }

    @Test
    void theFilterBecomesTheQuery() {
        model.meterSerialProperty().set(" 26000001 ");
        model.fromProperty().set(LocalDate.of(2026, 3, 1));
        model.toProperty().set(LocalDate.of(2026, 3, 31));
        model.verdictProperty().set(Verdict.FAIL);

        RunQuery q = model.query();

        assertThat(q.meterSerial()).contains("26000001");
        assertThat(q.startedFrom()).contains(LocalDate.of(2026, 3, 1).atStartOfDay(ZoneId.systemDefault()).toInstant());
        // "to" includes the whole last day
        assertThat(q.startedBefore()).contains(LocalDate.of(2026, 4, 1).atStartOfDay(ZoneId.systemDefault())
                .toInstant());
        assertThat(q.verdicts()).isEqualTo(Set.of(Verdict.FAIL));
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefusedInWords() {
        model.fromProperty().set(LocalDate.of(2026, 3, 2));
        model.toProperty().set(LocalDate.of(2026, 3, 1));
        assertThatThrownBy(model::query).hasMessage("the date range ends (2026-03-01) before it starts (2026-03-02)");
    }
}
