/**
 * The simulated MDMS's other API dialects ({@link org.testbench.lab.mdms.MdmsDialect}): front ends over the
 * same services, stores and head-end as the reference API, so that faults and latency act on all of them alike.
 * Each dialect sub-package implements one document of {@code samples/openapi}.
 */
package org.testbench.lab.mdms.dialect;
