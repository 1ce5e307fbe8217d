package org.testbench.lab.mdms.store;

/** Outcome of the head-end's last contact attempt with a meter. */
public enum CommunicationStatus {
    /** The meter answered the last attempt. */
    ONLINE,
    /** The last attempt could not reach the meter. */
    OFFLINE,
    /** No attempt yet. */
    UNKNOWN
}
