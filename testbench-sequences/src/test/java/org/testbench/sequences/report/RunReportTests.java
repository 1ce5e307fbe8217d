package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testbench.sequences.outcome.Verdict;

class RunReportTests {

    private final RunReport report = ReportFixtures.report();

    @Test
    void carriesTheRunsProvenance() {
        assertThat(report.runId()).isEqualTo("5dbdd769-9eef-4fad-8827-e4446cceaaaf");
        assertThat(report.sequenceSha256()).hasSize(64);
        assertThat(report.bench()).contains("bench B (MTE PTS 3.3, SN 4711)");
        assertThat(report.mdms()).hasValueSatisfying(m -> assertThat(m.apiVersion()).isEqualTo("2.4.1"));
        assertThat(report.verdict()).contains(Verdict.ABORTED);
    }

    @Test
    void namesTheMeterAsNameplateOpticalPortAndMdmsSeeIt() {
        RunReport.MeterIdentity meter = report.positions().get(1).meter();
        assertThat(meter.nameplate()).contains("26000002");
        assertThat(meter.optical()).contains("26000002");
        assertThat(meter.mdms()).contains("26000002");
        assertThat(meter.firmware()).contains("TBL-EM3 1.4.2");
    }

    @Test
    void listsTheBenchCurrentOfEveryLoadSwitchStep() {
        assertThat(report.positions().get(1).loadSwitchCurrents())
                .extracting(RunReport.LoadSwitchCurrent::value, RunReport.LoadSwitchCurrent::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4.98, Verdict.FAIL),
                        org.assertj.core.groups.Tuple.tuple(5.0, Verdict.PASS));
    }

    @Test
    void showsKeysOnlyAsFingerprints() {
        String excerpt = report.positions().get(0).steps().get(1).evidence().get(0).excerpt();
        assertThat(excerpt).doesNotContain(ReportFixtures.KEY).containsPattern("\\[key sha256:[0-9a-f]{16}\\]");
    }

    @Test
    void tiesAFindingToItsStep() {
        assertThat(report.positions().get(1).findings()).singleElement()
                .satisfies(f -> assertThat(f.stepIndex()).isEqualTo(Optional.of(2)));
    }

    @Test
    void cutsLongEvidenceToAnExcerpt() {
        assertThat(RunReport.excerpt("x".repeat(5000))).startsWith("x".repeat(RunReport.EXCERPT_LIMIT) + "… (")
                .endsWith("(3000 more characters)");
    }
}
