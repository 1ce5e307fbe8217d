package org.testbench.app.gui;

import java.util.Optional;
import javafx.application.Application;

/**
 * Starts the desktop app. Not an {@code Application} itself: with JavaFX on the class path (the shaded
 * jar), the JVM refuses a main class that extends {@code Application}.
 */
public final class GuiLauncher {

    private GuiLauncher() {
    }

    /** Why there is no screen to open a window on, or empty when there is one. */
    public static Optional<String> whyNoDisplay() {
        if ("Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            return Optional.empty();
        }
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if ((display == null || display.isBlank()) && (wayland == null || wayland.isBlank())) {
            return Optional.of("no display: DISPLAY is not set (run it on a desktop, or under xvfb-run)");
        }
        return Optional.empty();
    }

    /** Opens the main window and returns when it is closed. */
    public static void launch(GuiOptions options) {
        TestbenchApp.configure(options);
        Application.launch(TestbenchApp.class);
    }
}
