package org.testbench.app.gui.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.testbench.app.gui.SecretPrompt;
import org.testbench.app.runs.ConfiguredBench;
import org.testbench.app.runs.LabBench;
import org.testbench.app.runs.RecordedRun;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.mdms.client.auth.AuthSettings;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.EventWatch;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.OperatorPrompter;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunHandle;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.mdms.ClientMdmsGateway;
import org.testbench.sequences.mdms.MdmsConnection;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.RunStart;
import org.testbench.sequences.results.SecretFilter;

/**
 * Runs a sequence on selected positions of the bench, recorded in the results database as it happens,
 * exactly as {@code testbench run} and {@code testbench demo} do. Blocks until the run ends: call it off
 * the UI thread. {@link #abort} stops every position at its running step; cleanup still runs.
 */
public final class BenchRunner {

    private final AtomicReference<RunHandle> running = new AtomicReference<>();
    private volatile java.util.Map<Integer, org.testbench.drivers.profile.MeterProfile> profiles = java.util.Map.of();

    /** Meter profiles chosen for some positions; later runs enter those positions' meters as they say. */
    public void useProfiles(java.util.Map<Integer, org.testbench.drivers.profile.MeterProfile> chosen) {
        profiles = java.util.Map.copyOf(chosen);
    }

    public RecordedRun run(LabBench bench, ResultStore store, Sequence sequence, List<Integer> selected,
                           OperatorPrompter prompter, RunListener listener, String operator) throws Exception {
        List<PositionSetup> positions = ConfiguredBench.withProfiles(bench.positions().stream()
                .filter(p -> selected.contains(p.position())).toList(), profiles);
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("no position selected");
        }
        RunStart start = bench.runStart(sequence, operator, "virtual lab (testbench gui)", positions);
        try {
            return RecordedRun.execute(sequence, Map.of(), positions, bench.instruments(prompter), store, start,
                    listener, running::set);
        } finally {
            running.set(null);
        }
    }

    /**
     * Runs on a real lab's bench as its configuration describes it, connecting only what the sequence needs,
     * as {@code testbench run --config} does. The MDMS token, the TLS identity's and the keystore's passwords come
     * from {@code secrets} (environment variable or dialog).
     */
    public RecordedRun run(BenchConfiguration configuration, ResultStore store, Sequence sequence,
                           List<Integer> selected, OperatorPrompter prompter, RunListener listener, String operator,
                           SecretPrompt secrets) throws Exception {
        List<PositionSetup> positions = ConfiguredBench.withProfiles(ConfiguredBench.positions(configuration
                .positions().stream().filter(p -> selected.contains(p.position())).toList()), profiles);
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("no position selected");
        }
        MdmsConnection connection = ConfiguredBench.mdmsConnection(sequence, configuration,
                variable -> Optional.of(new String(mdmsSecret(configuration, secrets, variable))));
        try (Bench bench = ConfiguredBench.connectBench(configuration);
             ClientMdmsGateway mdms = connection == null ? null : connection.gateway();
             EventWatch events = ConfiguredBench.connectEvents(sequence, configuration)) {
            if (connection != null) {
                connection.secretsLookedUp().stream().filter(t -> t.length() >= 8).forEach(t -> store.addSecrets(
                        SecretFilter.of(t.getBytes(StandardCharsets.UTF_8))));
            }
            Optional<MeterKeyStore> keys = ConfiguredBench.keys(sequence, configuration, () -> secrets.get(
                    MeterKeyStore.PASSWORD_VARIABLE, "The meter keystore " + configuration.keystore().orElseThrow()
                            + " (the sequence switches meters itself)", "Keystore password:"));
            Instruments instruments = new Instruments(Optional.ofNullable(bench), keys, Optional.ofNullable(mdms),
                    prompter, SessionOptions.defaults(), Optional.ofNullable(events));
            BenchConfiguration.MdmsConfig m = configuration.mdms().orElse(null);
            RunStart start = RecordedRun.start(sequence, operator, configuration.station(), configuration.source(),
                    positions, mdms,
                    m == null ? null : m.spec(), m == null ? null : m.binding());
            try {
                return RecordedRun.execute(sequence, Map.of(), positions, instruments, store, start, listener,
                        running::set);
            } finally {
                running.set(null);
            }
        }
    }

    /** A secret of the MDMS connection from its variable, else asked for in a dialog that says what it is for. */
    private static char[] mdmsSecret(BenchConfiguration configuration, SecretPrompt secrets, String variable) {
        BenchConfiguration.MdmsConfig m = configuration.mdms().orElseThrow();
        if (variable.equals(MdmsConnection.TLS_PASSWORD_VARIABLE)) {
            return secrets.get(variable, "The bench's TLS identity " + m.identity().map(Object::toString).orElse("")
                    + " (its client certificate; it receives the meters' keys)", "Identity password:");
        }
        String label = switch (variable) {
            case AuthSettings.API_KEY_VARIABLE -> "MDMS API key:";
            case AuthSettings.PASSWORD_VARIABLE -> "MDMS password:";
            case AuthSettings.CLIENT_SECRET_VARIABLE -> "OAuth2 client secret:";
            // TESTBENCH_MDMS_TOKEN, or the variable bench.yaml names with token_env.
            default -> "MDMS token:";
        };
        return secrets.get(variable, "The MDMS's credentials for " + m.url() + " (" + variable + ")", label);
    }

    public boolean abort() {
        RunHandle handle = running.get();
        if (handle == null || handle.isDone()) {
            return false;
        }
        handle.abort();
        return true;
    }

    /** On closing the window: abort, and give the cleanup time to leave the bench safe. */
    public void abortAndWait(java.time.Duration timeout) {
        RunHandle handle = running.get();
        if (handle == null || handle.isDone()) {
            return;
        }
        handle.abort();
        try {
            handle.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(BenchRunner.class).warn("the aborted run's cleanup did not end within {}",
                    timeout);
        }
    }

    public boolean isRunning() {
        RunHandle handle = running.get();
        return handle != null && !handle.isDone();
    }
}
