package org.testbench.drivers.profile;

import java.util.OptionalInt;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/**
 * A meter's HDLC physical address (the lower HDLC address): none (single-device meters that answer the
 * one-byte logical address), a fixed number, or derived from the serial number as the DLMS Green Book's
 * serial number addressing does ({@code SN mod 10000 + 1000}, SN = the serial's trailing digits).
 */
public sealed interface PhysicalAddress {

    /** The address for a meter whose serial is {@code serial} (empty when unknown). */
    OptionalInt resolve(java.util.Optional<String> serial) throws DeviceException;

    /** As a profile writes it: absent, a number, or {@code from-serial}. */
    String external();

    record None() implements PhysicalAddress {
        @Override
        public OptionalInt resolve(java.util.Optional<String> serial) {
            return OptionalInt.empty();
        }

        @Override
        public String external() {
            return "";
        }
    }

    record Fixed(int address) implements PhysicalAddress {
        public Fixed {
            if (address < 16 || address > 0x3FFD) {
                throw new IllegalArgumentException("an HDLC physical address is 16..16381, not " + address);
            }
        }

        @Override
        public OptionalInt resolve(java.util.Optional<String> serial) {
            return OptionalInt.of(address);
        }

        @Override
        public String external() {
            return Integer.toString(address);
        }
    }

    record FromSerial() implements PhysicalAddress {
        @Override
        public OptionalInt resolve(java.util.Optional<String> serial) throws DeviceException {
            String s = serial.orElseThrow(() -> new DeviceException(Fault.CONFIGURATION, "physical address",
                    "the meter's HDLC physical address comes from its serial (from-serial), but no serial is "
                            + "known: give --serial or the position's serial"));
            return OptionalInt.of(fromSerial(s));
        }

        @Override
        public String external() {
            return "from-serial";
        }

        /** {@code SN mod 10000 + 1000}, SN the trailing digits of the serial. */
        public static int fromSerial(String serial) throws DeviceException {
            int end = serial.length();
            int start = end;
            while (start > 0 && Character.isDigit(serial.charAt(start - 1))) {
                start--;
            }
            if (start == end) {
                throw new DeviceException(Fault.CONFIGURATION, "physical address", "serial '" + serial
                        + "' does not end in digits, so no HDLC physical address can be derived from it");
            }
            String digits = serial.substring(Math.max(start, end - 4), end);
            return Integer.parseInt(digits) + 1000;
        }
    }
}
