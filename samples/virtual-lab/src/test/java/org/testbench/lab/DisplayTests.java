package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import gurux.dlms.GXDLMSException;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSData;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.TestLabs;
import org.testbench.lab.support.TestLabs.MeterSecrets;

/** The consumer message (0.0.96.13.1.255): written by the management client, read by anybody. */
class DisplayTests {

    private static final String CONSUMER_MESSAGE = "0.0.96.13.1.255";

    private static VirtualLab lab;

    @BeforeAll
    static void startLab() throws IOException {
        lab = TestLabs.start(TestLabs.config(1));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static GXDLMSData message(String text) {
        GXDLMSData data = new GXDLMSData(CONSUMER_MESSAGE);
        data.setDataType(2, DataType.OCTET_STRING);
        data.setValue(text.getBytes(StandardCharsets.ISO_8859_1));
        return data;
    }

    private static DlmsTestClient management(VirtualMeter meter) throws Exception {
        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        DlmsTestClient client = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false, keys.encryptionKey(), keys.authenticationKey(), meter.lastAcceptedInvocationCounter() + 1, false);
        client.associate();
        return client;
    }

    @Test
    void managementClientShowsAndClearsAMessageThatEveryClientReads() throws Exception {
        VirtualMeter meter = lab.meter(1);
        assertThat(meter.displayMessage()).isEmpty();
        try (DlmsTestClient client = management(meter)) {
            client.readDataBlock(client.gurux().write(message("Hello 123"), 2));
        }
        assertThat(meter.displayMessage()).isEqualTo("Hello 123");

        GXDLMSData shown = new GXDLMSData(CONSUMER_MESSAGE);
        try (DlmsTestClient reader = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            reader.associate();
            assertThat((byte[]) reader.read(shown, 2)).asString(StandardCharsets.US_ASCII).isEqualTo("Hello 123");
            assertThatThrownBy(() -> reader.readDataBlock(reader.gurux().write(message("intruder"), 2)))
                    .isInstanceOfSatisfying(GXDLMSException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.READ_WRITE_DENIED.getValue()));
        }

        try (DlmsTestClient client = management(meter)) {
            client.readDataBlock(client.gurux().write(message(""), 2));
        }
        assertThat(meter.displayMessage()).isEmpty();
    }

    @Test
    void displayRefusesTextItCannotShow() throws Exception {
        VirtualMeter meter = lab.meter(1);
        try (DlmsTestClient client = management(meter)) {
            assertThatThrownBy(() -> client.readDataBlock(client.gurux().write(message("x".repeat(65)), 2)))
                    .isInstanceOf(GXDLMSException.class);
            assertThatThrownBy(() -> client.readDataBlock(client.gurux().write(message("caf\u00e9"), 2)))
                    .isInstanceOf(GXDLMSException.class);
        }
        assertThat(meter.displayMessage()).isEmpty();
    }
}
