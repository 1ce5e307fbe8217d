package org.testbench.app.gui.bench;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One bench position as its tile shows it. Changed on the UI thread only. */
public final class PositionTile {

    private final int position;
    private final StringProperty serial = new SimpleStringProperty("");
    private final StringProperty meterType = new SimpleStringProperty("");
    private final StringProperty step = new SimpleStringProperty("idle");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObjectProperty<TileState> state = new SimpleObjectProperty<>(TileState.IDLE);
    private final StringProperty current = new SimpleStringProperty("–");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty selected = new SimpleBooleanProperty(true);

    public PositionTile(int position, String serial) {
        this.position = position;
        this.serial.set(serial == null ? "" : serial);
    }

    public int position() {
        return position;
    }

    /** The position's meter type, as its profile names it. */
    public StringProperty meterTypeProperty() {
        return meterType;
    }

    public StringProperty serialProperty() {
        return serial;
    }

    public StringProperty stepProperty() {
        return step;
    }

    /** 0 to 1: steps finished of all steps, cleanup included. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public ObjectProperty<TileState> stateProperty() {
        return state;
    }

    /** The last current the bench measured on this position, e.g. "5.002 A". */
    public StringProperty currentProperty() {
        return current;
    }

    /** The first finding or the reason of an error, when there is one. */
    public StringProperty messageProperty() {
        return message;
    }

    /** Whether the next run includes this position. */
    public BooleanProperty selectedProperty() {
        return selected;
    }

    void reset() {
        step.set("waiting");
        progress.set(0);
        state.set(TileState.RUNNING);
        current.set("–");
        message.set("");
    }

    @Override
    public String toString() {
        return "PositionTile[" + position + ", " + state.get() + "]";
    }
}
