package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.CapturedLog;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.ScpiTestClient;
import org.testbench.lab.support.TestLabs;

/** Starting and stopping a lab, identities and configuration. */
class VirtualLabTests {

    @Test
    void givesEveryMeterItsOwnRealisticIdentity() throws Exception {
        try (VirtualLab lab = TestLabs.start(TestLabs.config(3))) {
            List<VirtualMeter> meters = lab.meters();
            assertThat(meters).extracting(VirtualMeter::position).containsExactly(1, 2, 3);
            assertThat(meters).extracting(VirtualMeter::serial).containsExactly("26000001", "26000002", "26000003");
            for (VirtualMeter meter : meters) {
                assertThat(meter.manufacturerFlag()).isEqualTo("TBL");
                assertThat(meter.logicalDeviceName()).hasSize(16).startsWith("TBL").endsWith(meter.serial());
                assertThat(meter.firmware()).startsWith("TBL-EM3 ");
                assertThat(meter.systemTitle()).hasSize(8).startsWith('T', 'B', 'L');
                assertThat(meter.opticalEndpoint()).matches("tcp:127\\.0\\.0\\.1:\\d+");
                assertThat(meter.amiEndpoint()).matches("tcp:127\\.0\\.0\\.1:\\d+").isNotEqualTo(meter.opticalEndpoint());
                assertThat(meter.relayClosed()).isTrue();
                assertThat(meter.eventLog()).extracting(event -> event.code()).containsExactly(1);
            }
            assertThat(meters).extracting(meter -> new String(meter.systemTitle(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void usesConsecutivePortsFromTheBasePort() throws Exception {
        int base = freeRunOfPorts(6);
        try (VirtualLab lab = TestLabs.start(TestLabs.config(2).basePort(base))) {
            assertThat(lab.meter(1).opticalEndpoint()).isEqualTo("tcp:127.0.0.1:" + base);
            assertThat(lab.meter(1).amiEndpoint()).isEqualTo("tcp:127.0.0.1:" + (base + 1));
            assertThat(lab.meter(2).opticalEndpoint()).isEqualTo("tcp:127.0.0.1:" + (base + 2));
            assertThat(lab.bench().scpiEndpoint()).isEqualTo("tcp:127.0.0.1:" + (base + 4));
        }
    }

    /**
     * A base port whose next {@code count} ports are free, below the kernel's ephemeral range (32768 and up on
     * Linux), where other processes' outgoing connections cannot take one between this check and the lab's start.
     */
    private static int freeRunOfPorts(int count) throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + random.nextInt(12_000);
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IOException("no run of " + count + " free ports found between 20000 and 32000");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket probe = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    @Test
    void startFailsCleanlyWhenAPortIsTaken() throws Exception {
        int base = freeRunOfPorts(5);
        try (ServerSocket taken = new ServerSocket(base + 3, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            // Meter 2's AMI port is base + 3; make it collide.
            assertThatThrownBy(() -> TestLabs.start(TestLabs.config(2).basePort(base)))
                    .isInstanceOf(IOException.class).hasMessageContaining(String.valueOf(port));
        }
        assertThat(labThreads()).isEmpty();
    }

    @Test
    void startFailsCleanlyWhenTheBenchPortIsTaken() throws Exception {
        boolean socat = Files.isExecutable(Path.of("/usr/bin/socat"));
        int base = freeRunOfPorts(5);
        try (ServerSocket taken = new ServerSocket(base + 4, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            // Two meters use base .. base + 3, the bench base + 4.
            assertThatThrownBy(() -> TestLabs.start(TestLabs.config(2).basePort(base).opticalPty(socat)))
                    .isInstanceOf(IOException.class).hasMessageContaining(String.valueOf(port));
        }
        assertThat(labThreads()).isEmpty();
        assertThat(socatChildren()).isEmpty();
    }

    @Test
    void closeLeavesNoThreadAndNoSocatProcess() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/socat"))).as("socat installed").isTrue();
        Path workDir = TestLabs.tempDir();
        VirtualLab lab = TestLabs.start(TestLabs.config(2).opticalPty(true).benchPty(true).workDir(workDir));
        List<Path> ptys = new ArrayList<>(lab.meters().stream()
                .map(meter -> meter.opticalPty().orElseThrow()).toList());
        ptys.add(lab.bench().serialPty().orElseThrow());
        assertThat(ptys).allMatch(Files::exists);
        assertThat(socatChildren()).as("two optical heads and the bench's serial line").hasSize(3);
        assertThat(labThreads()).contains("vlab-bench-energy", "vlab-bench-scpi-pty", "vlab-bench-scpi-accept");
        try (ScpiTestClient bench = ScpiTestClient.tcp(lab.bench().scpiEndpoint())) {
            assertThat(bench.query("*OPC?")).isEqualTo("1");
            assertThat(labThreads()).anyMatch(name -> name.startsWith("vlab-bench-scpi#"));
        }

        lab.close();
        lab.close();

        assertThat(labThreads()).isEmpty();
        assertThat(socatChildren()).isEmpty();
        assertThat(ptys).noneMatch(Files::exists);
        assertThat(workDir.resolve(VirtualLab.KEYSTORE_FILE)).exists();
        TestLabs.deleteRecursively(workDir);
    }

    @Test
    void warnsWhenSocatDies() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/socat"))).as("socat installed").isTrue();
        try (CapturedLog log = CapturedLog.of("org.testbench", null);
             VirtualLab lab = TestLabs.start(TestLabs.config(1).opticalPty(true))) {
            ProcessHandle socat = socatChildren().get(0);
            socat.destroy();
            socat.onExit().get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline && log.events().stream().noneMatch(
                    event -> event.getLevel() == Level.WARN
                            && event.getFormattedMessage().contains("socat"))) {
                Thread.sleep(20);
            }
            assertThat(log.events()).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("socat", "exited unexpectedly",
                        lab.meter(1).opticalPty().orElseThrow().toString());
            });
            // The TCP endpoint of the optical port still works.
            try (Link optical = Link.tcp(lab.meter(1).opticalEndpoint())) {
                assertThat(IecSignOn.request(optical, "", false).text()).startsWith("/TBL5");
            }
        }
        assertThat(labThreads()).isEmpty();
    }

    @Test
    void deletesTheTemporaryWorkDirItCreated() throws Exception {
        VirtualLab lab = TestLabs.start(TestLabs.config(1));
        Path workDir = lab.workDir();
        assertThat(lab.keystore()).isEqualTo(workDir.resolve("meter-keys.p12")).exists();
        lab.close();
        assertThat(workDir).doesNotExist();
    }

    @Test
    void skipsThePtyWhenDisabled() throws Exception {
        try (VirtualLab lab = TestLabs.start(TestLabs.config(1).opticalPty(false))) {
            assertThat(lab.meter(1).opticalPty()).isEmpty();
        }
    }

    @Test
    void configNeedsAPasswordAndNeverShowsIt() {
        assertThatThrownBy(() -> LabConfig.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LabConfig.builder().meters(0)).isInstanceOf(IllegalArgumentException.class);
        char[] password = "s3cr3t-pw".toCharArray();
        LabConfig config = LabConfig.builder().keystorePassword(password).build();
        password[0] = 'X';
        assertThat(config.keystorePassword()).containsExactly("s3cr3t-pw".toCharArray());
        assertThat(config.toString()).doesNotContain("s3cr3t").contains("<redacted>");
        assertThat(config.meters()).isEqualTo(3);
        assertThat(config.opticalPty()).isTrue();
        assertThat(config.opticalEcho()).isFalse();
        assertThat(config.strictInvocationCounter()).isTrue();
        assertThat(config.basePort()).isZero();
        assertThat(config.workDir()).isEqualTo(Optional.empty());
        assertThat(config.benchPty()).isTrue();
        assertThat(config.timeAcceleration()).isEqualTo(1.0);
        assertThatThrownBy(() -> LabConfig.builder().timeAcceleration(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabConfig.builder().timeAcceleration(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<String> labThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> name.startsWith("vlab-")).collect(Collectors.toSet());
    }

    private static List<ProcessHandle> socatChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("socat")).orElse(false))
                .toList();
    }
}
