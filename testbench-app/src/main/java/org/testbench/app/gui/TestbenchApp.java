package org.testbench.app.gui;

import java.io.IOException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;
import org.testbench.app.gui.settings.GuiSettings;
import org.testbench.app.gui.settings.SettingsStore;

/** The JavaFX application; started by {@link GuiLauncher} (JavaFX on the class path wants it so). */
public final class TestbenchApp extends Application {

    private static volatile GuiOptions options = GuiOptions.defaults();

    private GuiContext context;
    private MainWindow window;

    static void configure(GuiOptions given) {
        options = given;
    }

    @Override
    public void start(Stage stage) {
        SettingsStore settingsStore = SettingsStore.defaultLocation();
        Background background = Background.onFxThread();
        GuiSettings settings;
        String problem = null;
        try {
            settings = settingsStore.load();
        } catch (IOException e) {
            settings = GuiSettings.defaults();
            problem = "Settings not read, defaults in use: " + Errors.readable(e);
        }
        context = new GuiContext(settingsStore, settings, background, options);
        window = open(stage, context);
        if (problem != null) {
            background.say(problem);
        }
        options.screenshotTour().ifPresent(dir -> new ScreenshotTour(window, context, dir, stage).start());
    }

    /** Builds the main window on a stage; tests call this with their own context. */
    public static MainWindow open(Stage stage, GuiContext context) {
        MainWindow window = new MainWindow(context);
        context.reloadConfiguredLab();
        stage.setTitle(MainWindow.TITLE);
        stage.setScene(window.scene());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        return window;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.bench().shutdown();
        }
        if (context != null) {
            context.close();
        }
        LoggerFactory.getLogger(TestbenchApp.class).debug("stopped");
        Platform.exit();
    }
}
