package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code testbench gui} from the shaded jar, as a user starts it. */
class GuiCommandIT {

    @TempDir
    Path dir;

    @Test
    void withoutADisplayItSaysSoAndExitsTwo() throws Exception {
        TestbenchJar.Result r = TestbenchJar.run(Map.of("DISPLAY", "", "WAYLAND_DISPLAY", ""), "gui");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("testbench gui: no display");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /**
     * On a virtual 1280x800 screen the jar opens the window, starts the virtual lab, runs the E2E sequence on
     * every position and saves each screen: the bench screen shows the three tiles green.
     */
    @Test
    void onAScreenTheJarOpensTheAppAndRunsTheLab() throws Exception {
        Path shots = dir.resolve("shots");
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dprism.order=sw", "-jar",
                TestbenchJar.jar().toString(), "gui", "--lab-time-scale", "0.1", "--screenshot-tour", shots.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gui.log").toFile());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("testbench gui did not end within 180 s: " + Files.readString(dir.resolve("gui.log")));
        }
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("gui.log"))).isZero();

        for (String screen : List.of("bench", "mdms-import", "results", "settings")) {
            File png = shots.resolve(screen + ".png").toFile();
            BufferedImage image = ImageIO.read(png);
            assertThat(image).as(screen).isNotNull();
            assertThat(image.getWidth()).as(screen).isEqualTo(1280);
            assertThat(image.getHeight()).as(screen).isLessThanOrEqualTo(800);
        }
        // the PASS tiles' green (#b9e6b3) covers a good part of the tile area of the bench screen
        BufferedImage bench = ImageIO.read(shots.resolve("bench.png").toFile());
        int green = 0;
        for (int y = 60; y < 300; y++) {
            for (int x = 0; x < 1280; x++) {
                if ((bench.getRGB(x, y) & 0xFFFFFF) == 0xB9E6B3) {
                    green++;
                }
            }
        }
        assertThat(green).as("green pixels of PASS tiles").isGreaterThan(3 * 150 * 100);
        // and the run is in the database of the environment it ran in
        assertThat(dir.resolve("data").resolve("testbench").resolve("results.mv.db")).exists();
    }
}
