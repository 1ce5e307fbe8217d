/**
 * The virtual lab's simulated MDMS and head-end: {@link org.testbench.lab.mdms.VirtualMdms} serves
 * {@code samples/openapi/mdms-v1.yaml} over HTTP on loopback and reaches the lab's meters through
 * their AMI ports with its own DLMS client.
 *
 * <p>Subpackages: {@code headend} (DLMS client sessions), {@code store} (the MDMS's data),
 * {@code service} (operations, fault and latency behaviour), {@code keys} (CMS key export),
 * {@code http} (server, routing, token, error bodies) and {@code api} (one resource per group of
 * operations).
 */
package org.testbench.lab.mdms;
