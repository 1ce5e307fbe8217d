/** The meter's AMI port: DLMS/COSEM over TCP with the wrapper. */
package org.testbench.lab.ami;
