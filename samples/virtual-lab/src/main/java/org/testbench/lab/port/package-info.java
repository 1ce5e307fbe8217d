/**
 * Plumbing shared by the simulators' ports: byte links (TCP, serial), the loopback TCP listener,
 * socat pseudo-terminal pairs, and the interface between a port and the DLMS session that serves it.
 */
package org.testbench.lab.port;
