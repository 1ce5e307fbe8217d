/**
 * The virtual lab's trust services for signed reports (docs/signed-reports.md): an RFC 3161 time-stamping
 * authority with its own certificate chain, and a QA certificate authority that issues signing identities,
 * publishes a CRL and answers OCSP, all over HTTP on loopback, so that long-term signatures are made and
 * checked offline.
 */
package org.testbench.lab.trust;
