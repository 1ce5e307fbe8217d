package org.testbench.app.gui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.testbench.app.runs.LabBench;
import org.testbench.lab.mdms.MdmsDialect;

/**
 * Starts and stops the virtual lab for training and demos: meters, bench and the reference MDMS in this
 * process, as {@code testbench demo} runs them. Shared by the Settings and Bench screens.
 */
public final class LabControl {

    private final GuiContext context;
    private final BooleanProperty starting = new SimpleBooleanProperty(false);

    public LabControl(GuiContext context) {
        this.context = context;
    }

    public BooleanProperty startingProperty() {
        return starting;
    }

    /** UI thread. */
    public void start() {
        if (context.labProperty().get() != null || starting.get()) {
            return;
        }
        starting.set(true);
        int meters = context.settings().labMeters();
        MdmsDialect dialect = context.settings().dialect();
        context.background().run("Starting the virtual lab (" + meters + " meters)",
                () -> LabBench.start(meters, context.options().labTimeScale(), true, dialect),
                lab -> {
                    starting.set(false);
                    context.labProperty().set(lab);
                    context.background().say("Virtual lab running: " + meters + " meter(s), MDMS "
                            + lab.lab().mdms().url() + " (" + dialect + ")");
                },
                message -> starting.set(false));
    }

    /** UI thread. */
    public void stop() {
        LabBench lab = context.labProperty().get();
        if (lab == null) {
            return;
        }
        context.labProperty().set(null);
        context.background().run("Stopping the virtual lab", () -> {
            lab.close();
            return null;
        }, x -> { }, m -> { });
    }
}
