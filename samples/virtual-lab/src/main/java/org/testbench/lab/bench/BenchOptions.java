package org.testbench.lab.bench;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a {@link VirtualBench}.
 *
 * @param tcpPort TCP port on 127.0.0.1, 0 for an ephemeral one
 * @param timeAcceleration simulated time per wall time for the energy registers (1 = real time,
 *        3600 = one second counts as one hour)
 * @param socat the socat executable for the serial line, or empty for TCP only
 * @param workDir where the serial line's pty link ({@code bench-scpi}) and socat's log go
 */
public record BenchOptions(int tcpPort, double timeAcceleration, Optional<Path> socat, Path workDir) {

    public BenchOptions {
        if (tcpPort < 0 || tcpPort > 65_535) {
            throw new IllegalArgumentException("tcpPort must be 0..65535, was " + tcpPort);
        }
        if (!(timeAcceleration > 0) || Double.isInfinite(timeAcceleration)) {
            throw new IllegalArgumentException("timeAcceleration must be a positive number, was " + timeAcceleration);
        }
        Objects.requireNonNull(socat, "socat");
        Objects.requireNonNull(workDir, "workDir");
    }
}
