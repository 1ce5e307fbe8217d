package org.testbench.app.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code testbench gui --screenshot-tour DIR}: starts the virtual lab, runs the end-to-end sequence on
 * every position, imports the next MDMS API version, opens the run in Results, and saves a PNG of each
 * screen (JavaFX's own snapshot of the window's scene), then quits. For the README and for release checks.
 */
final class ScreenshotTour {

    private static final Logger log = LoggerFactory.getLogger(ScreenshotTour.class);

    private final MainWindow window;
    private final GuiContext context;
    private final Path dir;
    private final Stage stage;

    ScreenshotTour(MainWindow window, GuiContext context, Path dir, Stage stage) {
        this.window = window;
        this.context = context;
        this.dir = dir;
        this.stage = stage;
    }

    void start() {
        Thread t = new Thread(this::tour, "testbench-screenshot-tour");
        t.setDaemon(true);
        t.start();
    }

    private void tour() {
        try {
            Files.createDirectories(dir);
            onFx(() -> {
                window.tabs().getSelectionModel().select(0);
                window.labControl().start();
                return null;
            });
            waitUntil(() -> context.labProperty().get() != null, Duration.ofMinutes(1));
            onFx(() -> {
                window.bench().startSelected();
                return null;
            });
            waitUntil(() -> window.bench().model().runningProperty().get(), Duration.ofSeconds(30));
            waitUntil(() -> !window.bench().model().runningProperty().get(), Duration.ofMinutes(5));
            shoot("bench.png");

            onFx(() -> {
                window.tabs().getSelectionModel().select(1);
                window.mdmsImport().importSample("mdms-v2.yaml");
                return null;
            });
            waitUntil(() -> window.mdmsImport().model().resultProperty().get() != null, Duration.ofMinutes(1));
            shoot("mdms-import.png");

            onFx(() -> {
                window.tabs().getSelectionModel().select(2);
                return null;
            });
            waitUntil(() -> !window.results().model().runs().isEmpty(), Duration.ofSeconds(30));
            onFx(() -> {
                window.results().selectFirst();
                return null;
            });
            waitUntil(() -> window.results().model().detailProperty().get() != null, Duration.ofSeconds(30));
            shoot("results.png");

            onFx(() -> {
                window.tabs().getSelectionModel().select(3);
                return null;
            });
            shoot("settings.png");
            log.info("screenshots saved in {}", dir);
        } catch (Exception e) {
            log.error("the screenshot tour failed: {}", Errors.readable(e), e);
        } finally {
            Platform.runLater(stage::close);
        }
    }

    private void shoot(String name) throws Exception {
        Thread.sleep(700); // layout and chart settle
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path file = dir.resolve(name);
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
        log.info("saved {}", file);
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }

    private static void waitUntil(BooleanSupplier condition, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (!onFx(condition::getAsBoolean)) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("the tour waited " + timeout.toSeconds() + " s in vain");
            }
            Thread.sleep(200);
        }
    }
}
