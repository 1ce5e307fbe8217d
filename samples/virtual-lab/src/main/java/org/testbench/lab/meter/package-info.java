/**
 * The simulated meter: identity, physical state shared by all ports, and the public
 * {@link org.testbench.lab.meter.VirtualMeter} handle.
 */
package org.testbench.lab.meter;
