/**
 * The simulated test bench: one SCPI instrument for the whole lab (the command set of
 * {@code docs/bench-scpi.md}) over TCP and a pseudo-terminal, with a source whose voltage and
 * current reach each position only as far as the meter's supply and relay let them, and whose
 * load power is counted by the meters' energy registers.
 *
 * <p>{@link org.testbench.lab.bench.VirtualBench} is the entry point; everything else is package
 * private: the SCPI side ({@code Scpi*}) knows nothing of meters, the physical side
 * ({@code BenchHardware}, {@code BenchPosition}, ...) knows nothing of SCPI, and
 * {@code BenchCommands} joins the two.
 */
package org.testbench.lab.bench;
