package org.testbench.app.gui.bench;

import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/** A position's tile: serial, meter type (and a button to choose its profile), current step, progress, verdict colour, last measured current. */
final class TileView extends VBox {

    TileView(PositionTile tile, java.util.function.IntConsumer chooseProfile) {
        super(4);
        setId("tile-" + tile.position());
        getStyleClass().addAll("tile", tile.stateProperty().get().styleClass());
        setPadding(new Insets(8));
        setPrefWidth(230);
        setMinWidth(230);
        CheckBox title = new CheckBox("Position " + tile.position());
        title.setId("select-" + tile.position());
        title.getStyleClass().add("tile-title");
        title.selectedProperty().bindBidirectional(tile.selectedProperty());
        Label serial = new Label();
        serial.textProperty().bind(tile.serialProperty().map(s -> "Meter " + (s.isEmpty() ? "?" : s)));
        Label meterType = new Label();
        meterType.setId("meter-type-" + tile.position());
        meterType.setWrapText(true);
        meterType.textProperty().bind(tile.meterTypeProperty());
        javafx.scene.control.Button profile = new javafx.scene.control.Button("Meter profile…");
        profile.setId("profile-" + tile.position());
        profile.setOnAction(e -> chooseProfile.accept(tile.position()));
        Label step = new Label();
        step.getStyleClass().add("tile-step");
        step.textProperty().bind(tile.stepProperty());
        ProgressBar progress = new ProgressBar();
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(tile.progressProperty());
        Label verdict = new Label();
        verdict.setId("verdict-" + tile.position());
        verdict.getStyleClass().add("tile-verdict");
        verdict.textProperty().bind(tile.stateProperty().map(TileState::name));
        Label current = new Label();
        current.textProperty().bind(tile.currentProperty().map(c -> "Current " + c));
        Label message = new Label();
        message.getStyleClass().add("tile-message");
        message.setWrapText(true);
        message.setMaxHeight(36);
        message.textProperty().bind(tile.messageProperty());
        getChildren().addAll(title, serial, meterType, profile, step, progress, verdict, current, message);
        tile.stateProperty().addListener((o, old, now) -> {
            getStyleClass().remove(old.styleClass());
            getStyleClass().add(now.styleClass());
        });
    }
}
