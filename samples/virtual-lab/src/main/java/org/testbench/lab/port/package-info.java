/**
 * Plumbing shared by the meter's ports: byte links (TCP, serial), the loopback TCP listener, and
 * the interface between a port and the DLMS session that serves it.
 */
package org.testbench.lab.port;
