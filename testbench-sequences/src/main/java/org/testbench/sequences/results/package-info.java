/**
 * The results store: {@link org.testbench.sequences.results.ResultStore} records runs, positions, steps,
 * measurements, findings and evidence as they happen, each call committed at once, and reads them back as
 * typed records ({@link org.testbench.sequences.results.RunDetail},
 * {@link org.testbench.sequences.results.RunSummary}). An embedded H2 file by default, any JDBC database
 * (PostgreSQL for several benches) alike. Runs left recording by a process that died are ended as ABORTED
 * when a store next opens. The public types are the API; the package-private classes are its JDBC
 * implementation. The reasons behind the H2 settings, the locks and the pool are in
 * {@code testbench-sequences/docs/results-store.md}.
 */
package org.testbench.sequences.results;
