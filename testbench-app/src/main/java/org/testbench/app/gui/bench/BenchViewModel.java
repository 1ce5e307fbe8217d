package org.testbench.app.gui.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.testbench.drivers.profile.MeterProfile;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.testbench.app.gui.UiBatcher;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/**
 * The bench screen without the screen: one tile per position, the live log, the current per position
 * over time, and whether a run is going. The engine's events arrive on its threads and are applied on
 * the UI thread in batches ({@link UiBatcher}).
 */
public final class BenchViewModel {

    private final Map<Integer, MeterProfile> chosenProfiles = new java.util.concurrent.ConcurrentHashMap<>();

    /** The log keeps the newest lines; older ones are in the results database anyway. */
    static final int LOG_LINES = 5_000;
    /** Points per position in the chart; older ones scroll out. */
    static final int CHART_POINTS = 600;

    private final ObservableList<PositionTile> tiles = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> currents = FXCollections.observableArrayList();
    private final Map<Integer, XYChart.Series<Number, Number>> seriesByPosition = new LinkedHashMap<>();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty runStatus = new SimpleStringProperty("No run yet");
    private final UiBatcher batcher;
    private Instant runStartedAt = Instant.now();
    private int totalSteps = 1;

    /** @param uiThread how to get onto the UI thread ({@code Platform::runLater}) */
    public BenchViewModel(Consumer<Runnable> uiThread) {
        this.batcher = new UiBatcher(uiThread);
    }

    public ObservableList<PositionTile> tiles() {
        return tiles;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ObservableList<XYChart.Series<Number, Number>> currents() {
        return currents;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty runStatusProperty() {
        return runStatus;
    }

    /** The bench's positions: one tile each (UI thread). */
    public void showPositions(List<PositionSetup> positions) {
        showPositions(positions, "");
    }

    /** @param bench what the bench is, as people read it ("the virtual lab", "/lab/bench.yaml") */
    public void showPositions(List<PositionSetup> positions, String bench) {
        tiles.setAll(positions.stream().map(p -> {
            PositionTile tile = new PositionTile(p.position(), p.serial().orElse(""));
            tile.meterTypeProperty().set(chosenProfiles.getOrDefault(p.position(), p.profile()).meter());
            return tile;
        }).toList());
        seriesByPosition.clear();
        currents.clear();
        runStatus.set(positions.isEmpty() ? "No bench" : positions.size() + " position(s) ready"
                + (bench.isEmpty() ? "" : " on " + bench));
    }

    /** The operator chose a meter profile for a position: its tile shows the type, later runs use it (UI thread). */
    public void chooseProfile(int position, MeterProfile profile) {
        chosenProfiles.put(position, profile);
        tile(position).ifPresent(t -> t.meterTypeProperty().set(profile.meter()));
    }

    /** The profiles chosen in the app, by position; positions not in it keep their configured profile. */
    public Map<Integer, MeterProfile> chosenProfiles() {
        return Map.copyOf(chosenProfiles);
    }

    public Optional<PositionTile> tile(int position) {
        return tiles.stream().filter(t -> t.position() == position).findFirst();
    }

    public List<Integer> selectedPositions() {
        return tiles.stream().filter(t -> t.selectedProperty().get()).map(PositionTile::position).toList();
    }

    public void selectAll(boolean selected) {
        tiles.forEach(t -> t.selectedProperty().set(selected));
    }

    /** A run is about to start on these positions (UI thread). */
    public void runStarting(Sequence sequence, List<Integer> positions) {
        running.set(true);
        runStartedAt = Instant.now();
        totalSteps = Math.max(1, sequence.steps().size() + sequence.cleanup().size());
        for (int p : positions) {
            tile(p).ifPresent(PositionTile::reset);
        }
        seriesByPosition.clear();
        currents.clear();
        runStatus.set("Running " + sequence.name() + " on " + positions.size() + " position(s)");
        append("Starting " + sequence.name() + " on position(s) " + positions);
    }

    /** The run ended, or could not start (UI thread). */
    public void runEnded(String status) {
        running.set(false);
        runStatus.set(status);
        append(status);
    }

    public void append(String line) {
        log.add(String.format(Locale.ROOT, "%6.1f s  %s", seconds(Instant.now()), line));
        if (log.size() > LOG_LINES) {
            log.remove(0, log.size() - LOG_LINES);
        }
    }

    /** What the engine tells, on its threads; applied to this model on the UI thread. */
    public RunListener listener() {
        return new RunListener() {
            @Override
            public void serialKnown(int position, String serial) {
                batcher.submit(() -> tile(position).ifPresent(t -> t.serialProperty().set(serial)));
            }

            @Override
            public void stepStarted(int position, int index, Step step, boolean cleanup, Instant at) {
                batcher.submit(() -> tile(position).ifPresent(t -> {
                    t.stepProperty().set((cleanup ? "cleanup: " : "") + index + "/" + totalSteps + " "
                            + step.displayName());
                }));
            }

            @Override
            public void measurement(int position, Step step, Measurement m) {
                if (m.value() instanceof Quantity q && q.isCompatibleWith(Unit.AMPERE)) {
                    double amperes = q.in(Unit.AMPERE);
                    batcher.submit(() -> currentMeasured(position, amperes, m.at()));
                }
            }

            @Override
            public void finding(int position, Step step, Finding finding) {
                batcher.submit(() -> {
                    tile(position).filter(t -> t.messageProperty().get().isEmpty())
                            .ifPresent(t -> t.messageProperty().set(finding.type() + ": " + finding.message()));
                    append(String.format("pos %d  finding %s: %s", position, finding.type(), finding.message()));
                });
            }

            @Override
            public void stepFinished(int position, Step step, Verdict verdict, String message, Instant at) {
                batcher.submit(() -> {
                    tile(position).ifPresent(t -> t.progressProperty().set(
                            Math.min(1.0, t.progressProperty().get() + 1.0 / totalSteps)));
                    append(String.format("pos %d  %-36s %s%s", position, step.displayName(), verdict,
                            message == null ? "" : "  " + message));
                });
            }

            @Override
            public void positionFinished(int position, Verdict verdict) {
                batcher.submit(() -> {
                    tile(position).ifPresent(t -> {
                        t.stateProperty().set(TileState.of(verdict));
                        t.progressProperty().set(1.0);
                        t.stepProperty().set("done: " + verdict);
                    });
                    append(String.format("pos %d  done: %s", position, verdict));
                });
            }

            @Override
            public void runFinished(RunResult result) {
                batcher.submit(() -> {
                    for (RunResult.PositionResult p : result.positions()) {
                        tile(p.position()).ifPresent(t -> {
                            t.stateProperty().set(TileState.of(p.verdict()));
                            if (t.messageProperty().get().isEmpty() && p.message() != null) {
                                t.messageProperty().set(p.message());
                            }
                        });
                    }
                });
            }
        };
    }

    private void currentMeasured(int position, double amperes, Instant at) {
        tile(position).ifPresent(t -> t.currentProperty().set(String.format(Locale.ROOT, "%.3f A", amperes)));
        XYChart.Series<Number, Number> series = seriesByPosition.computeIfAbsent(position, p -> {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName("pos " + p);
            currents.add(s);
            return s;
        });
        series.getData().add(new XYChart.Data<>(seconds(at == null ? Instant.now() : at), amperes));
        if (series.getData().size() > CHART_POINTS) {
            series.getData().remove(0);
        }
    }

    private double seconds(Instant at) {
        return Duration.between(runStartedAt, at).toMillis() / 1000.0;
    }
}
