package org.testbench.lab.meter;

/**
 * Disconnect control attribute 4, control_mode (IEC 62056-6-2, class 70): which triggers may move the
 * relay between {@link ControlState}s. The transitions carry the standard's letters:
 * <ul>
 * <li>a: remote_reconnect, disconnected to connected (direct);</li>
 * <li>b: remote_disconnect, connected to disconnected; c: remote_disconnect, ready to disconnected;</li>
 * <li>d: remote_reconnect, disconnected to ready_for_reconnection (the relay is only armed);</li>
 * <li>e: manual_reconnect (the button), ready to connected; f: manual_disconnect (the button), connected
 * to ready;</li>
 * <li>g: local_disconnect and h: local_reconnect (the meter's own limiter), not simulated.</li>
 * </ul>
 */
public enum DisconnectControlMode {
    /** (0) Always connected: no trigger moves the relay. */
    MODE_0(false, false, false),
    /** (1) Remote b, c, manual f; reconnection remote d (arms), manual e. */
    MODE_1(true, false, true),
    /** (2) Remote b, c, manual f; reconnection remote a (direct), manual e. */
    MODE_2(true, true, true),
    /** (3) Remote b, c; reconnection remote d (arms), manual e. */
    MODE_3(true, false, false),
    /** (4) Remote b, c; reconnection remote a (direct), manual e. */
    MODE_4(true, true, false),
    /** (5) Remote b, c, manual f; reconnection remote d (arms), manual e, local h. */
    MODE_5(true, false, true),
    /** (6) Remote b, c; reconnection remote d (arms), manual e, local h. */
    MODE_6(true, false, false);

    private final boolean remote;
    private final boolean directRemoteReconnect;
    private final boolean manualDisconnect;

    DisconnectControlMode(boolean remote, boolean directRemoteReconnect, boolean manualDisconnect) {
        this.remote = remote;
        this.directRemoteReconnect = directRemoteReconnect;
        this.manualDisconnect = manualDisconnect;
    }

    /** The enum value on the wire (attribute 4). */
    public int value() {
        return ordinal();
    }

    /** False in mode 0: the methods remote_disconnect and remote_reconnect switch nothing. */
    public boolean remoteControl() {
        return remote;
    }

    /** True (modes 2, 4): remote_reconnect closes the relay; false: it only arms it (ready_for_reconnection). */
    public boolean directRemoteReconnect() {
        return directRemoteReconnect;
    }

    /** True (modes 1, 2, 5): the button pressed while connected opens the relay to ready_for_reconnection. */
    public boolean manualDisconnect() {
        return manualDisconnect;
    }

    /** Mode {@code 0..6}. */
    public static DisconnectControlMode of(int mode) {
        if (mode < 0 || mode >= values().length) {
            throw new IllegalArgumentException("control mode must be 0..6, was " + mode);
        }
        return values()[mode];
    }
}
