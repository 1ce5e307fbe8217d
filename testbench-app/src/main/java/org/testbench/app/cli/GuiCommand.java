package org.testbench.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.testbench.app.gui.GuiLauncher;
import org.testbench.app.gui.GuiOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Opens the desktop app: the Bench screen for technicians (a tile per position, start and "
                + "abort runs, operator prompts in a dialog, live log and current chart), MDMS import for engineers "
                + "(catalog, audit, diff, binding), Results for QA (filter, open a run, export and sign a report, "
                + "verify one) and Settings (bench configuration, MDMS, TLS identity, keystores; starts the virtual "
                + "lab for training and demos).",
                "Settings are kept in ~/.config/testbench/gui.properties (no passwords); results go to the same "
                        + "database as the command line's."},
        footer = {"", "Exit codes: 0 the window was closed, 2 no display to open it on."})
final class GuiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lab-time-scale", hidden = true, defaultValue = "1", paramLabel = "FACTOR",
            description = "Multiplies the virtual MDMS's delays (training runs in less time).")
    double labTimeScale;

    @Option(names = "--screenshot-tour", hidden = true, paramLabel = "DIR",
            description = "Visit every screen, start the lab and a run, save a PNG of each screen into DIR, quit.")
    Path screenshotTour;

    @Override
    public Integer call() {
        Optional<String> noDisplay = GuiLauncher.whyNoDisplay();
        if (noDisplay.isPresent()) {
            throw new UserException(noDisplay.get());
        }
        if (!(labTimeScale > 0) || Double.isInfinite(labTimeScale)) {
            throw new UserException("--lab-time-scale must be a number > 0, was " + labTimeScale);
        }
        GuiLauncher.launch(new GuiOptions(labTimeScale, Optional.ofNullable(screenshotTour)));
        return ExitCode.OK;
    }
}
