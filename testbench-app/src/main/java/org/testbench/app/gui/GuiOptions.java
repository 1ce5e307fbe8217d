package org.testbench.app.gui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the app was started.
 *
 * @param labTimeScale   multiplies the virtual MDMS's delays (1 = real RF latency)
 * @param screenshotTour when set, visit every screen, save a PNG of each into this directory and quit
 */
public record GuiOptions(double labTimeScale, Optional<Path> screenshotTour) {

    public static GuiOptions defaults() {
        return new GuiOptions(1.0, Optional.empty());
    }
}
