package org.testbench.lab.optical;

/** A message of the IEC 62056-21 sign-on phase, as the meter understands it. */
sealed interface SignOnMessage {

    /** {@code /? address ! CR LF}: a client asks the meter(s) to identify. */
    record Request(String deviceAddress) implements SignOnMessage {
    }

    /** {@code ACK V Z Y CR LF}: protocol control, baud rate and mode control chosen by the client. */
    record OptionSelect(char protocolControl, char baudCharacter, char modeControl) implements SignOnMessage {

        /** Mode E: protocol control '2' (HDLC), mode control '2' (binary). */
        boolean selectsModeE() {
            return protocolControl == '2' && modeControl == '2';
        }
    }

    /** Anything else the meter does not act on (break, data readout commands, garbage). */
    record Other(String text) implements SignOnMessage {
    }
}
