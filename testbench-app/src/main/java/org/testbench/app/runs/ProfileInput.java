package org.testbench.app.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.sequences.profile.MeterProfileReader;
import org.testbench.sequences.profile.MeterProfileWriter;
import org.testbench.sequences.results.InputKind;
import org.testbench.sequences.results.RunInput;
import org.testbench.sequences.yaml.InputFileException;

/**
 * A position's meter profile as a run input: the file it was read from, or, for the built-in virtual meter,
 * the profile written out. A file changed since the bench configuration read it is refused: the store would
 * keep a profile the run did not use.
 */
final class ProfileInput {

    private ProfileInput() {
    }

    /**
     * @throws IOException when the profile's file cannot be read, or no longer says what the run uses
     */
    static RunInput of(MeterProfile profile) throws IOException {
        Path file = profile.source().equals(MeterProfile.TESTBENCH_VIRTUAL.source()) ? null
                : Path.of(profile.source());
        if (file == null || !Files.isRegularFile(file)) {
            return RunInput.ofText(InputKind.METER_PROFILE, profile.source(), MeterProfileWriter.write(profile,
                    List.of("A profile not read from a file on this PC (built in, or a packaged resource), written"
                            + " out as this run used it."), Map.of()));
        }
        byte[] bytes = Files.readAllBytes(file);
        RunInput input = RunInput.of(InputKind.METER_PROFILE, profile.source(), bytes);
        if (input.content().isPresent() && !sameProfile(profile, input.content().get())) {
            throw new IOException("the meter profile " + file + " changed since the bench configuration was read:"
                    + " read the configuration again before starting the run");
        }
        return input;
    }

    private static boolean sameProfile(MeterProfile used, String text) {
        try {
            return MeterProfileReader.parse(used.source(), text).sameMeterType(used);
        } catch (InputFileException e) {
            return false;
        }
    }
}
