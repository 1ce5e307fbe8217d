package org.testbench.lab.optical;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.port.ByteLink;
import org.testbench.lab.port.DlmsSession;
import org.testbench.lab.port.DlmsSessionFactory;
import org.testbench.lab.port.Framing;
import org.testbench.lab.port.LineRecord;
import org.testbench.lab.port.PacedLink;

/**
 * The optical port's protocol on one link: IEC 62056-21 sign-on (7E1 in software), then, after
 * the client selects mode E, HDLC handled by a DLMS session; or, for a direct-HDLC meter, HDLC from
 * the first byte at its fixed baud.
 *
 * <p>The port returns to sign-on after an HDLC disconnect, after {@link OpticalProfile#INACTIVITY_TIMEOUT}
 * without a byte in HDLC mode, and while the meter has no supply (a dead meter hears nothing and
 * forgets its link). On a paced port the link takes each byte's line time at the current baud: 300 Bd
 * for the sign-on, the selected baud after the option select; unpaced, the baud switch has no effect.
 */
final class OpticalSession {

    private static final Logger LOG = LoggerFactory.getLogger(OpticalSession.class);
    private static final byte NAK = EvenParity.encode(0x15);

    private final ByteLink link;
    /** The same link when the port is paced, to switch its baud; null otherwise. */
    private final PacedLink paced;
    private final OpticalProfile profile;
    private final DlmsSessionFactory dlmsSessions;
    private final BooleanSupplier powered;
    private final String name;
    private final Consumer<Duration> reactions;
    private final SignOnDecoder decoder = new SignOnDecoder();

    private boolean identified;
    private DlmsSession hdlc;
    private long lastByteNanos = System.nanoTime();

    OpticalSession(ByteLink link, OpticalProfile profile, DlmsSessionFactory dlmsSessions, BooleanSupplier powered,
            String name, LineRecord line, Consumer<Duration> reactions) {
        this.paced = profile.paced() ? new PacedLink(link, startBaud(profile), line) : null;
        this.link = paced != null ? paced : link;
        this.reactions = reactions;
        this.profile = profile;
        this.dlmsSessions = dlmsSessions;
        this.powered = powered;
        this.name = name;
    }

    private static int startBaud(OpticalProfile profile) {
        return profile.directHdlc() ? profile.baud() : OpticalProfile.SIGN_ON_BAUD;
    }

    /** Serves the link until it ends or {@code keepRunning} turns false. */
    void run(BooleanSupplier keepRunning) throws IOException {
        byte[] buffer = new byte[2048];
        try {
            startDirectHdlc();
            while (keepRunning.getAsBoolean()) {
                int count = link.read(buffer);
                if (count < 0) {
                    return;
                }
                if (!powered.getAsBoolean()) {
                    returnToSignOn("the meter has no supply");
                    continue;
                }
                if (count == 0) {
                    checkInactivity();
                    continue;
                }
                lastByteNanos = System.nanoTime();
                if (profile.echo()) {
                    echo(Arrays.copyOf(buffer, count));
                }
                receive(buffer, count);
            }
        } finally {
            endHdlc();
        }
    }

    /** The head's own echo takes no line time of its own: it is the client's bytes coming back. */
    private void echo(byte[] bytes) throws IOException {
        if (paced != null) {
            paced.writeUnpaced(bytes);
        } else {
            link.write(bytes);
        }
    }

    /** A direct-HDLC meter has no sign-on: HDLC from the first byte, again after every disconnect. */
    private void startDirectHdlc() {
        if (profile.directHdlc() && hdlc == null) {
            hdlc = dlmsSessions.open(Framing.HDLC, name);
        }
    }

    private void receive(byte[] buffer, int count) throws IOException {
        int position = 0;
        while (position < count && hdlc == null) {
            Optional<SignOnMessage> message = decoder.accept(buffer[position++]);
            if (message.isPresent()) {
                handle(message.get());
            }
        }
        if (hdlc != null && position < count) {
            // Bytes after the option select message already belong to HDLC.
            forwardToHdlc(Arrays.copyOfRange(buffer, position, count));
        }
    }

    private void handle(SignOnMessage message) throws IOException {
        if (message instanceof SignOnMessage.Request request) {
            answerRequest(request);
        } else if (message instanceof SignOnMessage.OptionSelect option) {
            selectOption(option);
        } else {
            LOG.debug("{}: ignoring sign-on message {}", name, printable(((SignOnMessage.Other) message).text()));
        }
    }

    private void answerRequest(SignOnMessage.Request request) throws IOException {
        if (!profile.isAddressedBy(request.deviceAddress())) {
            LOG.debug("{}: request for device address '{}' is not for this meter", name, request.deviceAddress());
            identified = false;
            return;
        }
        // Measured from the read that completed the request, on the clock that times the answer: the meter's own
        // record of its reaction time, which a client's measurement cannot give (scheduling shifts both ends).
        long received = lastByteNanos;
        long due = received + profile.reactionTime().toNanos();
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            sleep(Math.max(1, (left + 999_999) / 1_000_000));
        }
        if (!powered.getAsBoolean()) {
            return;
        }
        reactions.accept(Duration.ofNanos(System.nanoTime() - received));
        link.write(EvenParity.encode(profile.identificationMessage()));
        identified = true;
        LOG.debug("{}: identified as {}", name, printable(profile.identificationMessage()));
    }

    private void selectOption(SignOnMessage.OptionSelect option) throws IOException {
        if (!identified) {
            LOG.debug("{}: option select without a preceding identification, ignored", name);
            return;
        }
        identified = false;
        if (option.selectsModeE() && profile.isSupportedBaud(option.baudCharacter())) {
            hdlc = dlmsSessions.open(Framing.HDLC, name);
            if (paced != null) {
                paced.setBaud(OpticalProfile.baudOf(option.baudCharacter()));
            }
            LOG.debug("{}: mode E selected at baud character '{}', HDLC from now on", name, option.baudCharacter());
            return;
        }
        LOG.info("{}: option select '{}{}{}' refused (only mode E, protocol '2' mode '2', up to baud '{}'); NAK sent",
                name, option.protocolControl(), option.baudCharacter(), option.modeControl(),
                profile.proposedBaudCharacter());
        link.write(new byte[] {NAK});
    }

    private void forwardToHdlc(byte[] bytes) throws IOException {
        byte[] reply = hdlc.onReceived(bytes, bytes.length);
        if (reply.length > 0) {
            link.write(reply);
        }
        if (hdlc.isLinkReleased()) {
            returnToSignOn("the HDLC link was released");
        }
    }

    private void checkInactivity() {
        if (hdlc != null && System.nanoTime() - lastByteNanos >= OpticalProfile.INACTIVITY_TIMEOUT.toNanos()) {
            returnToSignOn("no byte for " + OpticalProfile.INACTIVITY_TIMEOUT.toSeconds() + " s");
        }
    }

    private void returnToSignOn(String reason) {
        if (hdlc != null) {
            LOG.debug("{}: back to sign-on: {}", name, reason);
        }
        endHdlc();
        identified = false;
        decoder.reset();
        if (paced != null) {
            paced.setBaud(startBaud(profile));
        }
        startDirectHdlc();
    }

    private void endHdlc() {
        if (hdlc != null) {
            hdlc.close();
            hdlc = null;
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted during the reaction time");
        }
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("<%02X>", (int) c));
        }
        return out.toString();
    }
}
