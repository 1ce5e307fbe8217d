package org.testbench.drivers.dlms;

/**
 * What an accepted negative test proves: a security weakness (an attacker gains something — a replayed or
 * forged request served, an association opened without the right secret, a secret read) or a conformance
 * defect (the meter processes a frame or APDU the standard says to discard or refuse, which no attacker
 * profits from directly but which a certification lab would fail). Fixed per test, where the test is defined.
 */
public enum AttackKind {
    SECURITY,
    CONFORMANCE
}
