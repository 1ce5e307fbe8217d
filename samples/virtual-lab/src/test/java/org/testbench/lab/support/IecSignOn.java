package org.testbench.lab.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client side of an IEC 62056-21 sign-on, written for the tests from the standard (7E1 in
 * software, bit 7 = even parity), independent of the lab's own code.
 */
public final class IecSignOn {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    private IecSignOn() {
    }

    /** The identification message as received, its parity check result and the reaction time. */
    public record Identification(String text, boolean parityValid, Duration reactionTime) {
    }

    public static byte withParity(int character) {
        int data = character & 0x7F;
        return (byte) (Integer.bitCount(data) % 2 == 0 ? data : data | 0x80);
    }

    public static byte[] withParity(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[ascii.length];
        for (int i = 0; i < ascii.length; i++) {
            out[i] = withParity(ascii[i]);
        }
        return out;
    }

    /** Sends {@code /?address!CRLF} and reads the identification up to LF. */
    public static Identification request(Link link, String address, boolean echo) throws IOException {
        byte[] request = withParity("/?" + address + "!\r\n");
        link.write(request);
        long sent = System.nanoTime();
        if (echo) {
            byte[] echoed = link.readExactly(request.length, READ_TIMEOUT);
            if (!java.util.Arrays.equals(echoed, request)) {
                throw new IOException("echo differs from the request");
            }
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        boolean parityValid = true;
        long firstByte = 0;
        while (true) {
            int b = link.read(READ_TIMEOUT);
            if (b < 0) {
                throw new IOException("no identification (" + (b == Link.TIMEOUT ? "timeout" : "link closed") + ")");
            }
            if (firstByte == 0) {
                firstByte = System.nanoTime();
            }
            parityValid &= Integer.bitCount(b) % 2 == 0;
            text.write(b & 0x7F);
            if ((b & 0x7F) == '\n') {
                break;
            }
        }
        return new Identification(text.toString(StandardCharsets.US_ASCII), parityValid,
                Duration.ofNanos(firstByte - sent));
    }

    /** Sends the option select message {@code ACK V Z Y CRLF}. */
    public static void selectOption(Link link, char protocol, char baud, char mode, boolean echo) throws IOException {
        byte[] ack = withParity("\u0006" + protocol + baud + mode + "\r\n");
        link.write(ack);
        if (echo) {
            link.readExactly(ack.length, READ_TIMEOUT);
        }
    }

    /** Full mode E sign-on, accepting the proposed baud rate. */
    public static Identification signOnModeE(Link link, boolean echo) throws IOException {
        Identification identification = request(link, "", echo);
        char baud = identification.text().charAt(4);
        selectOption(link, '2', baud, '2', echo);
        return identification;
    }

    /** True if nothing at all arrives within {@code quiet}. */
    public static boolean isSilent(Link link, Duration quiet) throws IOException {
        return link.read(quiet) == Link.TIMEOUT;
    }
}
