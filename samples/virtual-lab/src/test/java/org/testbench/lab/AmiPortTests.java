package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleEntry;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import gurux.dlms.GXDateTime;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.Unit;
import gurux.dlms.objects.GXDLMSAssociationLogicalName;
import gurux.dlms.objects.GXDLMSClock;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import gurux.dlms.objects.GXDLMSRegister;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.MeterEvent;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.TestLabs;

/** The AMI port (DLMS WRAPPER over TCP) read by the public client. */
class AmiPortTests {

    private static VirtualLab lab;

    @BeforeAll
    static void startLab() throws IOException {
        lab = TestLabs.start(TestLabs.config(2));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static DlmsTestClient publicClient(VirtualMeter meter) throws Exception {
        DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false);
        client.associate();
        return client;
    }

    @Test
    void readsSeveralAttributesInOneRequestWithScalerAndUnit() throws Exception {
        VirtualMeter meter = lab.meter(2);
        GXDLMSData serial = new GXDLMSData("0.0.96.1.0.255");
        GXDLMSData logicalDeviceName = new GXDLMSData("0.0.42.0.0.255");
        GXDLMSData firmware = new GXDLMSData("1.0.0.2.0.255");
        GXDLMSRegister importEnergy = new GXDLMSRegister("1.0.1.8.0.255");
        GXDLMSRegister exportEnergy = new GXDLMSRegister("1.0.2.8.0.255");
        GXDLMSClock clock = new GXDLMSClock("0.0.1.0.0.255");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (DlmsTestClient client = publicClient(meter)) {
            // Scaler and unit first, so that the values come back scaled, as a client reads a register.
            client.readList(List.of(entry(importEnergy, 3), entry(exportEnergy, 3)));
            client.readList(List.of(entry(serial, 2), entry(logicalDeviceName, 2), entry(firmware, 2),
                    entry(importEnergy, 2), entry(exportEnergy, 2), entry(clock, 2)));
            client.release();
        }

        assertThat(serial.getValue()).isEqualTo(meter.serial());
        assertThat(new String((byte[]) logicalDeviceName.getValue(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(meter.logicalDeviceName()).hasSize(16).startsWith("TBL");
        assertThat(firmware.getValue()).isEqualTo(meter.firmware());
        assertThat(importEnergy.getUnit()).isEqualTo(Unit.ACTIVE_ENERGY);
        assertThat(importEnergy.getScaler()).isEqualTo(0.1, within(1e-12));
        assertThat(exportEnergy.getUnit()).isEqualTo(Unit.ACTIVE_ENERGY);
        assertThat(((Number) importEnergy.getValue()).doubleValue()).isEqualTo(meter.importEnergyWh(), within(0.05));
        assertThat(((Number) exportEnergy.getValue()).doubleValue()).isEqualTo(meter.exportEnergyWh(), within(0.05));
        Instant meterTime = clock.getTime().getMeterCalendar().toInstant();
        // The meter's clock (whole seconds) as it was while it was read, however long the read took.
        assertThat(meterTime).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void registersFollowTheEnergyTheBenchAdds() throws Exception {
        VirtualMeter meter = lab.meter(1);
        GXDLMSRegister importEnergy = new GXDLMSRegister("1.0.1.8.0.255");
        GXDLMSRegister exportEnergy = new GXDLMSRegister("1.0.2.8.0.255");
        try (DlmsTestClient client = publicClient(meter)) {
            client.read(importEnergy, 3);
            client.read(exportEnergy, 3);
            double importBefore = ((Number) client.read(importEnergy, 2)).doubleValue();
            double exportBefore = ((Number) client.read(exportEnergy, 2)).doubleValue();

            meter.addEnergy(100.05, 2.5);

            assertThat(((Number) client.read(importEnergy, 2)).doubleValue()).isEqualTo(importBefore + 100.0,
                    within(0.051));
            assertThat(((Number) client.read(exportEnergy, 2)).doubleValue()).isEqualTo(exportBefore + 2.5,
                    within(1e-6));
        }
    }

    @Test
    void startsEachMeterAtADifferentReading() {
        assertThat(lab.meter(1).importEnergyWh()).isNotEqualTo(lab.meter(2).importEnergyWh());
        assertThat(lab.meter(1).importEnergyWh()).isGreaterThan(1000.0);
    }

    @Test
    void readsTheWholeEventLogWithEntriesInUse() throws Exception {
        VirtualMeter meter = lab.meter(2);
        // 40 power cycles: 81 rows, more than one 1024-byte APDU, so the read needs block transfer.
        for (int i = 0; i < 40; i++) {
            meter.setSupplyOn(false);
            meter.setSupplyOn(true);
        }
        List<MeterEvent> expected = meter.eventLog();
        GXDLMSProfileGeneric eventLog = new GXDLMSProfileGeneric("0.0.99.98.0.255");
        try (DlmsTestClient client = publicClient(meter)) {
            client.read(eventLog, 3);
            client.read(eventLog, 7);
            client.read(eventLog, 8);
            client.read(eventLog, 2);
        }

        assertThat(eventLog.getCaptureObjects()).extracting(column -> column.getKey().getLogicalName())
                .containsExactly("0.0.1.0.0.255", "0.0.96.11.0.255");
        assertThat(eventLog.getEntriesInUse()).isEqualTo(expected.size());
        assertThat(eventLog.getProfileEntries()).isEqualTo(100);
        Object[] rows = eventLog.getBuffer();
        assertThat(rows).hasSameSizeAs(expected);
        for (int i = 0; i < rows.length; i++) {
            Object[] row = (Object[]) rows[i];
            assertThat(((GXDateTime) row[0]).getMeterCalendar().toInstant()).isEqualTo(expected.get(i).timestamp());
            assertThat(((Number) row[1]).intValue()).isEqualTo(expected.get(i).code());
        }
        assertThat(expected).extracting(MeterEvent::code).startsWith(1, 2, 1).endsWith(2, 1);
    }

    @Test
    void keepsTheLastHundredEvents() {
        VirtualMeter meter = lab.meter(1);
        for (int i = 0; i < 60; i++) {
            meter.setSupplyOn(false);
            meter.setSupplyOn(true);
        }
        assertThat(meter.eventLog()).hasSize(100).last().extracting(MeterEvent::code).isEqualTo(1);
    }

    @Test
    void servesSuccessiveAndConcurrentConnections() throws Exception {
        VirtualMeter meter = lab.meter(1);
        GXDLMSData serial = new GXDLMSData("0.0.96.1.0.255");
        try (DlmsTestClient first = publicClient(meter); DlmsTestClient second = publicClient(meter)) {
            assertThat(first.read(serial, 2)).isEqualTo(meter.serial());
            assertThat(second.read(serial, 2)).isEqualTo(meter.serial());
        }
        for (int i = 0; i < 3; i++) {
            try (DlmsTestClient next = publicClient(meter)) {
                assertThat(next.read(serial, 2)).isEqualTo(meter.serial());
                next.release();
            }
        }
    }

    @Test
    void publicClientReadsRelayStateAndInvocationCounter() throws Exception {
        VirtualMeter meter = lab.meter(1);
        GXDLMSDisconnectControl disconnectControl = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        GXDLMSData invocationCounter = new GXDLMSData("0.0.43.1.0.255");
        try (DlmsTestClient client = publicClient(meter)) {
            client.readList(List.of(entry(disconnectControl, 2), entry(disconnectControl, 3),
                    entry(disconnectControl, 4), entry(invocationCounter, 2)));
        }
        assertThat(disconnectControl.getOutputState()).isEqualTo(meter.relayClosed()).isTrue();
        assertThat(disconnectControl.getControlState().ordinal()).isEqualTo(1);
        assertThat(disconnectControl.getControlMode().ordinal()).isEqualTo(4);
        assertThat(((Number) invocationCounter.getValue()).longValue()).isEqualTo(meter.lastAcceptedInvocationCounter());
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesOneItemOfAListAndAnswersTheOthers() throws Exception {
        VirtualMeter meter = lab.meter(1);
        GXDLMSData serial = new GXDLMSData("0.0.96.1.0.255");
        GXDLMSAssociationLogicalName management = new GXDLMSAssociationLogicalName("0.0.40.0.2.255");
        GXDLMSData firmware = new GXDLMSData("1.0.0.2.0.255");
        GXDLMSData missing = new GXDLMSData("0.0.96.99.0.255");
        List<Object> values;
        String wire;
        try (DlmsTestClient client = publicClient(meter)) {
            values = (List<Object>) client.readListResults(List.of(entry(serial, 2), entry(management, 7), entry(firmware, 2),
                    entry(missing, 2)));
            wire = HexFormat.of().withUpperCase().formatHex(client.lastReply());
        }
        // Gurux's client keeps only the items that carry data.
        assertThat(values).containsExactly(meter.serial(), meter.firmware());
        // On the wire every item has its own Get-Data-Result: data (0) or data-access-result (1) and a code.
        String serialItem = "000A08" + HexFormat.of().withUpperCase().formatHex(meter.serial().getBytes(US_ASCII));
        String firmwareItem = "000A" + String.format("%02X", meter.firmware().length())
                + HexFormat.of().withUpperCase().formatHex(meter.firmware().getBytes(US_ASCII));
        assertThat(wire).endsWith("C403C104" + serialItem + "0103" + firmwareItem + "0104");
    }

    static Map.Entry<GXDLMSObject, Integer> entry(GXDLMSObject object, int attribute) {
        return new SimpleEntry<>(object, attribute);
    }
}
