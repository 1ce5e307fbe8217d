/**
 * The meter's optical port: IEC 62056-21 mode E sign-on with 7E1 done in software, then HDLC, over
 * a TCP endpoint and over a socat pseudo-terminal pair.
 */
package org.testbench.lab.optical;
