/**
 * Meter keys and the PKCS#12 keystore through which clients of the lab obtain them.
 *
 * <p>Keys are never written to a plain file, never logged and never shown by {@code toString()}.
 */
package org.testbench.lab.keys;
