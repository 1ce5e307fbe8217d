package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import gurux.dlms.GXDLMSException;
import gurux.dlms.GXDLMSExceptionResponse;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.ExceptionServiceError;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.Security;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;
import gurux.dlms.objects.GXDLMSScriptTable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testbench.lab.meter.MeterEvent;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.TestLabs;
import org.testbench.lab.support.TestLabs.MeterSecrets;

/** The management association (client 1, HLS-GMAC, suite 0) over the AMI port. */
class ManagementAssociationTests {

    private static final String DISCONNECT_CONTROL = "0.0.96.3.10.255";

    private static VirtualLab lab;

    @BeforeAll
    static void startLab() throws IOException {
        lab = TestLabs.start(TestLabs.config(3));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static DlmsTestClient management(VirtualMeter meter, boolean generalProtection) throws Exception {
        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        return DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER, false,
                keys.encryptionKey(), keys.authenticationKey(), meter.lastAcceptedInvocationCounter() + 1,
                generalProtection);
    }

    @ParameterizedTest(name = "general protection {0}")
    @ValueSource(booleans = {false, true})
    void remoteDisconnectAndReconnectSwitchTheRelayAndLogEvents(boolean generalProtection) throws Exception {
        VirtualMeter meter = lab.meter(generalProtection ? 2 : 1);
        GXDLMSDisconnectControl disconnectControl = new GXDLMSDisconnectControl(DISCONNECT_CONTROL);
        try (DlmsTestClient client = management(meter, generalProtection)) {
            client.associate();
            assertThat(meter.relayClosed()).isTrue();

            client.invoke(disconnectControl.remoteDisconnect(client.gurux()));
            assertThat(meter.relayClosed()).isFalse();
            assertThat(lastEvent(meter).code()).isEqualTo(61);
            client.read(disconnectControl, 2);
            assertThat(disconnectControl.getOutputState()).isFalse();

            client.invoke(disconnectControl.remoteReconnect(client.gurux()));
            assertThat(meter.relayClosed()).isTrue();
            assertThat(lastEvent(meter).code()).isEqualTo(62);
            assertThat(lastEvent(meter).description()).isEqualTo("Remote reconnection");
            client.release();
        }
    }

    @Test
    void publicClientIsRefusedTheMethods() throws Exception {
        VirtualMeter meter = lab.meter(3);
        GXDLMSDisconnectControl disconnectControl = new GXDLMSDisconnectControl(DISCONNECT_CONTROL);
        GXDLMSScriptTable billing = new GXDLMSScriptTable("0.0.10.0.1.255");
        int billingCounter = meter.billingPeriodCounter();
        int events = meter.eventLog().size();
        try (DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            client.associate();
            assertThatThrownBy(() -> client.invoke(disconnectControl.remoteDisconnect(client.gurux())))
                    .isInstanceOfSatisfying(GXDLMSException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.READ_WRITE_DENIED.getValue()));
            assertThatThrownBy(() -> client.invoke(billing.execute(client.gurux(), 1)))
                    .isInstanceOfSatisfying(GXDLMSException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.READ_WRITE_DENIED.getValue()));
        }
        assertThat(meter.relayClosed()).isTrue();
        assertThat(meter.billingPeriodCounter()).isEqualTo(billingCounter);
        assertThat(meter.eventLog()).hasSize(events);
    }

    @Test
    void endOfBillingScriptAdvancesTheCounterAndLogsAnEvent() throws Exception {
        VirtualMeter meter = lab.meter(3);
        GXDLMSScriptTable billing = new GXDLMSScriptTable("0.0.10.0.1.255");
        GXDLMSData counter = new GXDLMSData("0.0.0.1.0.255");
        int before = meter.billingPeriodCounter();
        try (DlmsTestClient client = management(meter, false)) {
            client.associate();
            client.invoke(billing.execute(client.gurux(), 1));
            assertThat(meter.billingPeriodCounter()).isEqualTo(before + 1);
            assertThat(lastEvent(meter).code()).isEqualTo(20);
            assertThat(((Number) client.read(counter, 2)).intValue()).isEqualTo(before + 1);

            assertThatThrownBy(() -> client.invoke(client.gurux().method(billing, 1, 7, DataType.UINT16)))
                    .isInstanceOf(GXDLMSException.class);
            assertThat(meter.billingPeriodCounter()).isEqualTo(before + 1);
        }
    }

    @Test
    void wrongKeysFailTheAssociationAndTheMeterServesTheNextClient() throws Exception {
        VirtualMeter meter = lab.meter(3);
        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        byte[] wrongKey = keys.encryptionKey().clone();
        wrongKey[0] ^= 0x01;
        long counterBefore = meter.lastAcceptedInvocationCounter();
        try (DlmsTestClient intruder = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()),
                InterfaceType.WRAPPER, false, wrongKey, keys.authenticationKey(), counterBefore + 1000, false)) {
            assertThatThrownBy(intruder::associate).isInstanceOfSatisfying(GXDLMSExceptionResponse.class,
                    e -> assertThat(e.getExceptionServiceError()).isEqualTo(ExceptionServiceError.DECIPHERING_ERROR));
        }
        try (DlmsTestClient intruder = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()),
                InterfaceType.WRAPPER, false, keys.encryptionKey(), wrongKey, counterBefore + 1000, false)) {
            assertThatThrownBy(intruder::associate).isInstanceOf(GXDLMSExceptionResponse.class);
        }
        assertThat(meter.lastAcceptedInvocationCounter()).isEqualTo(counterBefore);

        GXDLMSData serial = new GXDLMSData("0.0.96.1.0.255");
        try (DlmsTestClient next = management(meter, false)) {
            next.associate();
            assertThat(next.read(serial, 2)).isEqualTo(meter.serial());
        }
    }

    @Test
    void managementAssociationRefusesUnprotectedRequests() throws Exception {
        VirtualMeter meter = lab.meter(3);
        GXDLMSDisconnectControl disconnectControl = new GXDLMSDisconnectControl(DISCONNECT_CONTROL);
        GXDLMSData serial = new GXDLMSData("0.0.96.1.0.255");
        try (DlmsTestClient client = management(meter, false)) {
            client.associate();
            client.gurux().getCiphering().setSecurity(Security.NONE);
            assertThatThrownBy(() -> client.invoke(disconnectControl.remoteDisconnect(client.gurux())))
                    .isInstanceOf(GXDLMSException.class);
            assertThatThrownBy(() -> client.read(serial, 2)).isInstanceOf(GXDLMSException.class);
        }
        assertThat(meter.relayClosed()).isTrue();
    }

    @Test
    void meterNeverReusesItsOwnInvocationCounterAcrossConnections() throws Exception {
        VirtualMeter meter = lab.meter(3);
        long first;
        try (DlmsTestClient client = management(meter, false)) {
            client.associate();
            client.read(new GXDLMSData("0.0.96.1.0.255"), 2);
            first = responseInvocationCounter(client.lastReply());
        }
        try (DlmsTestClient client = management(meter, false)) {
            client.associate();
            client.read(new GXDLMSData("0.0.96.1.0.255"), 2);
            assertThat(responseInvocationCounter(client.lastReply())).isGreaterThan(first);
        }
    }

    /** The invocation counter of a glo-get-response (tag 0xCC) in a wrapper frame. */
    private static long responseInvocationCounter(byte[] wrapperFrame) {
        int apdu = 8;
        assertThat(wrapperFrame[apdu] & 0xFF).isEqualTo(0xCC);
        int header = apdu + 2; // tag, one-byte length
        assertThat(wrapperFrame[header] & 0xFF).isEqualTo(0x30);
        long counter = 0;
        for (int i = 1; i <= 4; i++) {
            counter = (counter << 8) | (wrapperFrame[header + i] & 0xFF);
        }
        return counter;
    }

    private static MeterEvent lastEvent(VirtualMeter meter) {
        List<MeterEvent> events = meter.eventLog();
        return events.get(events.size() - 1);
    }
}
