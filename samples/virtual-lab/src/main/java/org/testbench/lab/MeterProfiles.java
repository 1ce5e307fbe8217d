package org.testbench.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.testbench.lab.meter.MeterType;

/**
 * Writes the meter profiles of a lab's types into its work directory. The profiles
 * ({@code samples/meters/*.yaml}) are packaged with the lab, so an installed lab has them too; the
 * bench reads them from the paths the endpoints file gives.
 */
final class MeterProfiles {

    /** Sub-directory of the work directory that holds the profiles. */
    static final String DIRECTORY = "meters";

    private MeterProfiles() {
    }

    static Map<MeterType, Path> extract(List<MeterType> types, Path workDir) throws IOException {
        Path directory = workDir.resolve(DIRECTORY);
        Files.createDirectories(directory);
        Map<MeterType, Path> profiles = new LinkedHashMap<>();
        for (MeterType type : types) {
            if (profiles.containsKey(type)) {
                continue;
            }
            Path file = directory.resolve(type.name() + ".yaml").toAbsolutePath();
            try (InputStream in = MeterProfiles.class.getClassLoader().getResourceAsStream(type.profileResource())) {
                if (in == null) {
                    throw new IOException("the meter profile of type " + type + " (" + type.profileResource()
                            + ") is not packaged with the virtual lab");
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            profiles.put(type, file);
        }
        return profiles;
    }
}
