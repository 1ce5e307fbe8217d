/**
 * The virtual lab: simulated meters on loopback for testing the bench without hardware.
 * Start it with {@link org.testbench.lab.VirtualLab#start(org.testbench.lab.LabConfig)}.
 */
package org.testbench.lab;
