package org.testbench.drivers.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;

/** A virtual lab for one test class: started in {@code @BeforeAll}, closed in {@code @AfterAll}. */
public final class LabFixture implements AutoCloseable {

    public static final char[] PASSWORD = "lab-fixture-password".toCharArray();

    private final Path dir;
    private final VirtualLab lab;

    private LabFixture(Path dir, VirtualLab lab) {
        this.dir = dir;
        this.lab = lab;
    }

    public static LabFixture start(int meters) throws IOException {
        return start(LabConfig.builder().meters(meters));
    }

    public static LabFixture start(LabConfig.Builder builder) throws IOException {
        Path dir = Files.createTempDirectory("lab-fixture-");
        return new LabFixture(dir, VirtualLab.start(builder.workDir(dir).keystorePassword(PASSWORD.clone()).build()));
    }

    public VirtualLab lab() {
        return lab;
    }

    public VirtualMeter meter(int position) {
        return lab.meters().get(position - 1);
    }

    public MeterKeyStore keyStore() throws IOException {
        return MeterKeyStore.open(lab.keystore(), PASSWORD);
    }

    @Override
    public void close() throws IOException {
        lab.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
