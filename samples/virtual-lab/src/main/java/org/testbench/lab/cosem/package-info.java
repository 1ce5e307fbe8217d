/**
 * The meter's DLMS/COSEM application: its objects, access rules and security checks on top of a
 * Gurux server per connection, and the HDLC and wrapper framing around it.
 */
package org.testbench.lab.cosem;
