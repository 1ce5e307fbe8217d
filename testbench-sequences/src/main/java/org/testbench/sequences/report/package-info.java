/**
 * Test reports made from the results store, and their signatures. {@link org.testbench.sequences.report.RunReport}
 * is the content of one run (no key material but fingerprints); {@link org.testbench.sequences.report.ReportFormat}
 * renders it as JSON ({@code docs/report.schema.json}), JUnit XML or PDF; {@link org.testbench.sequences.report.SigningIdentity}
 * signs (PAdES baseline for PDF, a detached CMS {@code .p7s} otherwise) and {@link org.testbench.sequences.report.SignatureVerifier}
 * checks a signed report; {@link org.testbench.sequences.report.EvaluationPki} creates an evaluation CA and QA signer.
 */
package org.testbench.sequences.report;
