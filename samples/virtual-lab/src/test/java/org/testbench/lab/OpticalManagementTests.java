package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSRegister;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.TestLabs;
import org.testbench.lab.support.TestLabs.MeterSecrets;

/** The management association over the optical port (HDLC), where APDUs can span several frames. */
class OpticalManagementTests {

    private static VirtualLab lab;

    @BeforeAll
    static void startLab() throws IOException {
        lab = TestLabs.start(TestLabs.config(2));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static DlmsTestClient signedOnManagement(Link link, VirtualMeter meter, long counter) throws Exception {
        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        IecSignOn.signOnModeE(link, false);
        DlmsTestClient client = DlmsTestClient.managementClient(link, InterfaceType.HDLC, false, keys.encryptionKey(),
                keys.authenticationKey(), counter, false);
        client.associate();
        return client;
    }

    /**
     * Ten attributes: the ciphered get-with-list (about 150 bytes) needs two HDLC frames of 128 bytes, while
     * the answer (logical names and the serial) still fits in one. Gurux 4.0.47's client numbers its frames
     * wrongly when a request and its response both span several frames, so the test avoids that case.
     */
    private static List<Map.Entry<GXDLMSObject, Integer>> manyAttributes() {
        List<Map.Entry<GXDLMSObject, Integer>> attributes = new ArrayList<>();
        attributes.add(AmiPortTests.entry(new GXDLMSData("0.0.96.1.0.255"), 2));
        for (String ln : List.of("0.0.42.0.0.255", "1.0.0.2.0.255", "0.0.0.1.0.255", "0.0.43.1.0.255",
                "0.0.96.11.0.255", "0.0.96.1.0.255")) {
            attributes.add(AmiPortTests.entry(new GXDLMSData(ln), 1));
        }
        for (String ln : List.of("1.0.1.8.0.255", "1.0.2.8.0.255")) {
            attributes.add(AmiPortTests.entry(new GXDLMSRegister(ln), 1));
        }
        attributes.add(AmiPortTests.entry(new GXDLMSDisconnectControl("0.0.96.3.10.255"), 1));
        return attributes;
    }

    @Test
    void acceptsAProtectedRequestSpanningSeveralFrames() throws Exception {
        VirtualMeter meter = lab.meter(1);
        List<Map.Entry<GXDLMSObject, Integer>> attributes = manyAttributes();
        try (Link link = Link.tcp(meter.opticalEndpoint())) {
            DlmsTestClient client = signedOnManagement(link, meter, meter.lastAcceptedInvocationCounter() + 1);
            client.readList(attributes);
            client.release();
        }
        assertThat(((GXDLMSData) attributes.get(0).getKey()).getValue()).isEqualTo(meter.serial());
        assertThat(attributes.get(9).getKey().getLogicalName()).isEqualTo("0.0.96.3.10.255");
    }

    @Test
    void rejectedRequestSpanningSeveralFramesDropsTheHdlcLinkAndTheMeterSignsOnAgain() throws Exception {
        VirtualMeter meter = lab.meter(2);
        GXDLMSDisconnectControl relay = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        try (Link link = Link.tcp(meter.opticalEndpoint())) {
            DlmsTestClient client = signedOnManagement(link, meter, meter.lastAcceptedInvocationCounter() + 1);
            client.invoke(relay.remoteDisconnect(client.gurux()));
            long accepted = meter.lastAcceptedInvocationCounter();

            client.gurux().getCiphering().setInvocationCounter(accepted);
            client.withReadTimeout(Duration.ofMillis(800));
            // The meter ends the link with DM, which the client reports as an error answer.
            assertThatThrownBy(() -> client.readList(manyAttributes()))
                    .isInstanceOfAny(IOException.class, gurux.dlms.GXDLMSException.class);

            assertThat(meter.lastAcceptedInvocationCounter()).isEqualTo(accepted);
            assertThat(meter.relayClosed()).isFalse();
            assertThat(IecSignOn.request(link, "", false).text()).startsWith("/TBL5");
        }
    }
}
