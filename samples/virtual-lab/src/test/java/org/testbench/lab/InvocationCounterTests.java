package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import gurux.dlms.GXDLMSExceptionResponse;
import gurux.dlms.enums.ExceptionServiceError;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.TestLabs;
import org.testbench.lab.support.TestLabs.MeterSecrets;

/** The meter's invocation counter check for the management client. */
class InvocationCounterTests {

    private static final long FIRST_COUNTER = 5_000;

    private VirtualLab lab;

    @AfterEach
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private DlmsTestClient associatedOverAmi(VirtualMeter meter) throws Exception {
        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        DlmsTestClient client = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false, keys.encryptionKey(), keys.authenticationKey(), FIRST_COUNTER, false);
        client.associate();
        return client;
    }

    @Test
    void rejectsReplayedInvocationCounter() throws Exception {
        lab = TestLabs.start(TestLabs.config(1));
        VirtualMeter meter = lab.meter(1);
        GXDLMSDisconnectControl relay = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        try (DlmsTestClient client = associatedOverAmi(meter)) {
            client.invoke(relay.remoteDisconnect(client.gurux()));
            byte[] recordedDisconnect = client.lastRequest();
            long accepted = meter.lastAcceptedInvocationCounter();
            assertThat(meter.relayClosed()).isFalse();
            int events = meter.eventLog().size();

            // The same counter in a new request that would close the relay.
            client.gurux().getCiphering().setInvocationCounter(accepted);
            assertThatThrownBy(() -> client.invoke(relay.remoteReconnect(client.gurux())))
                    .isInstanceOfSatisfying(GXDLMSExceptionResponse.class, e -> {
                        assertThat(e.getExceptionServiceError()).isEqualTo(ExceptionServiceError.INVOCATION_COUNTER_ERROR);
                        assertThat(((Number) e.getValue()).longValue()).isEqualTo(accepted + 1);
                    });
            assertThat(meter.relayClosed()).isFalse();
            // The recorded frame itself, byte for byte.
            assertThatThrownBy(() -> client.replay(recordedDisconnect)).isInstanceOf(GXDLMSExceptionResponse.class);
            assertThat(meter.lastAcceptedInvocationCounter()).isEqualTo(accepted);
            assertThat(meter.eventLog()).hasSize(events);

            // A later frame with a higher counter works in the same association.
            client.gurux().getCiphering().setInvocationCounter(accepted + 1);
            client.invoke(relay.remoteReconnect(client.gurux()));
            assertThat(meter.relayClosed()).isTrue();
            assertThat(meter.lastAcceptedInvocationCounter()).isEqualTo(accepted + 1);
        }
    }

    @Test
    void rejectsLowerInvocationCounterEvenInANewAssociation() throws Exception {
        lab = TestLabs.start(TestLabs.config(1));
        VirtualMeter meter = lab.meter(1);
        try (DlmsTestClient client = associatedOverAmi(meter)) {
            client.read(new GXDLMSData("0.0.96.1.0.255"), 2);
        }
        long accepted = meter.lastAcceptedInvocationCounter();
        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        try (DlmsTestClient stale = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()),
                InterfaceType.WRAPPER, false, keys.encryptionKey(), keys.authenticationKey(), FIRST_COUNTER, false)) {
            assertThatThrownBy(stale::associate).isInstanceOfSatisfying(GXDLMSExceptionResponse.class,
                    e -> assertThat(e.getExceptionServiceError()).isEqualTo(ExceptionServiceError.INVOCATION_COUNTER_ERROR));
        }
        assertThat(meter.lastAcceptedInvocationCounter()).isEqualTo(accepted);
    }

    @Test
    void clientContinuesAfterReadingTheLastAcceptedCounter() throws Exception {
        lab = TestLabs.start(TestLabs.config(1));
        VirtualMeter meter = lab.meter(1);
        try (DlmsTestClient client = associatedOverAmi(meter)) {
            client.read(new GXDLMSData("0.0.96.1.0.255"), 2);
        }
        GXDLMSData counter = new GXDLMSData("0.0.43.1.0.255");
        try (DlmsTestClient reader = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            reader.associate();
            reader.read(counter, 2);
        }
        long last = ((Number) counter.getValue()).longValue();
        assertThat(last).isEqualTo(meter.lastAcceptedInvocationCounter()).isGreaterThan(FIRST_COUNTER);

        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        try (DlmsTestClient next = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false, keys.encryptionKey(), keys.authenticationKey(), last + 1, false)) {
            next.associate();
            assertThat(next.read(new GXDLMSData("0.0.96.1.0.255"), 2)).isEqualTo(meter.serial());
        }
    }

    @Test
    void weakMeterAcceptsAReplayedCounter() throws Exception {
        lab = TestLabs.start(TestLabs.config(1).strictInvocationCounter(false));
        VirtualMeter meter = lab.meter(1);
        GXDLMSDisconnectControl relay = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        try (DlmsTestClient client = associatedOverAmi(meter)) {
            client.invoke(relay.remoteDisconnect(client.gurux()));
            long accepted = meter.lastAcceptedInvocationCounter();

            client.gurux().getCiphering().setInvocationCounter(accepted);
            client.invoke(relay.remoteReconnect(client.gurux()));

            assertThat(meter.relayClosed()).isTrue();
            assertThat(meter.lastAcceptedInvocationCounter()).isEqualTo(accepted);
            // Lower counters are still refused.
            client.gurux().getCiphering().setInvocationCounter(accepted - 1);
            assertThatThrownBy(() -> client.invoke(relay.remoteDisconnect(client.gurux())))
                    .isInstanceOf(GXDLMSExceptionResponse.class);
            assertThat(meter.relayClosed()).isTrue();
        }
    }

    @Test
    void rejectsReplayedInvocationCounterOverTheOpticalPortAndKeepsTheHdlcLink() throws Exception {
        lab = TestLabs.start(TestLabs.config(1));
        VirtualMeter meter = lab.meter(1);
        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        GXDLMSDisconnectControl relay = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        try (Link link = Link.tcp(meter.opticalEndpoint())) {
            IecSignOn.signOnModeE(link, false);
            DlmsTestClient client = DlmsTestClient.managementClient(link, InterfaceType.HDLC, false,
                    keys.encryptionKey(), keys.authenticationKey(), FIRST_COUNTER, false);
            client.associate();
            client.invoke(relay.remoteDisconnect(client.gurux()));
            long accepted = meter.lastAcceptedInvocationCounter();

            client.gurux().getCiphering().setInvocationCounter(accepted);
            assertThatThrownBy(() -> client.invoke(relay.remoteReconnect(client.gurux())))
                    .isInstanceOfSatisfying(GXDLMSExceptionResponse.class, e -> assertThat(
                            e.getExceptionServiceError()).isEqualTo(ExceptionServiceError.INVOCATION_COUNTER_ERROR));
            assertThat(meter.relayClosed()).isFalse();

            client.gurux().getCiphering().setInvocationCounter(accepted + 1);
            client.invoke(relay.remoteReconnect(client.gurux()));
            assertThat(meter.relayClosed()).isTrue();
            client.release();
        }
    }

    @Test
    void rejectsAnAlteredFrameWithoutMovingTheCounter() throws Exception {
        lab = TestLabs.start(TestLabs.config(1));
        VirtualMeter meter = lab.meter(1);
        GXDLMSDisconnectControl relay = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        try (DlmsTestClient client = associatedOverAmi(meter)) {
            long accepted = meter.lastAcceptedInvocationCounter();
            byte[] disconnect = relay.remoteDisconnect(client.gurux())[0];
            byte[] altered = disconnect.clone();
            altered[altered.length - 1] ^= 0x01; // last byte of the authentication tag
            assertThatThrownBy(() -> client.replay(altered)).isInstanceOfSatisfying(GXDLMSExceptionResponse.class,
                    e -> assertThat(e.getExceptionServiceError()).isEqualTo(ExceptionServiceError.DECIPHERING_ERROR));
            assertThat(meter.relayClosed()).isTrue();
            assertThat(meter.lastAcceptedInvocationCounter()).isEqualTo(accepted);

            client.replay(disconnect);
            assertThat(meter.relayClosed()).isFalse();
        }
    }
}
