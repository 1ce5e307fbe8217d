package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import gurux.dlms.GXDLMSClient;
import gurux.dlms.GXDLMSException;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.Security;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;
import gurux.dlms.objects.GXDLMSExtendedRegister;
import gurux.dlms.objects.GXDLMSRegister;
import gurux.dlms.objects.enums.ControlState;
import gurux.dlms.secure.GXDLMSSecureClient;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testbench.lab.meter.HdlcPhysicalAddress;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.CapturedLog;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.ScpiTestClient;
import org.testbench.lab.support.TestLabs;

/**
 * A lab of every built-in meter type, each read with the real Gurux client the way its type demands:
 * position 1 testbench-virtual, 2 lls-reader, 3 hls-only, 4 alt-obis, 5 direct-hdlc, 6 manual-reconnect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeterTypeTests {

    private static final int READ_WRITE_DENIED = 3;
    private static final int UNDEFINED_OBJECT = 4;
    private static final int LLS_CLIENT = 32;
    private static final byte[] CLIENT_TITLE = "TSTCLI01".getBytes(StandardCharsets.US_ASCII);

    private Path workDir;
    private VirtualLab lab;

    @BeforeAll
    void startLab() throws IOException {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/socat"))).as("socat installed (scripts/install-deps.sh)")
                .isTrue();
        workDir = TestLabs.tempDir();
        lab = TestLabs.start(TestLabs.config(MeterType.builtIn().size()).meterTypes(MeterType.builtIn())
                .opticalPty(true).workDir(workDir));
    }

    @AfterAll
    void stopLab() throws IOException {
        if (lab != null) {
            lab.close();
            TestLabs.deleteRecursively(workDir);
        }
    }

    @Test
    void typesAreAssignedRoundRobinAndEachHasItsProfileInTheLabDirectory() throws IOException {
        for (MeterType type : MeterType.builtIn()) {
            VirtualMeter meter = lab.meters().get(MeterType.builtIn().indexOf(type));
            assertThat(meter.type()).isEqualTo(type);
            Path profile = lab.profile(type);
            assertThat(profile).isEqualTo(workDir.resolve("meters").resolve(type.name() + ".yaml"));
            String text = Files.readString(profile);
            // An object's code, alone or in the long form {obis: ..., class: ...}.
            assertThat(text).contains("profile: 1").containsPattern("serial: (\\{obis: )?"
                            + java.util.regex.Pattern.quote(type.serialObis().orElse("0.0.42.0.0.255")))
                    .containsPattern("energyImport: " + (type.energy().tariffsOnly()
                            ? java.util.regex.Pattern.quote("{sum: [" + String.join(", ", type.energy().importTariffs())
                            + "]") : "(\\{obis: )?" + java.util.regex.Pattern.quote(type.energy().importObis())))
                    .containsPattern("energyExport: " + (type.hasExportRegister() ? "(\\{obis: )?"
                            + java.util.regex.Pattern.quote(type.energy().exportObis()) : "none"))
                    .contains("addresses: {logical: " + type.logicalAddress())
                    .contains("disconnectControl: " + (type.hasDisconnectControl() ? "0.0.96.3.10.255" : "none"))
                    .contains("management: {address: " + type.managementClient().address()
                            + ", authentication: hls-gmac");
            // The profile states the class of extended registers, so the bench reads them without a look-up.
            assertThat(text.contains("energyImport: {obis: " + type.energy().importObis() + ", class: 4}"))
                    .as(type.name()).isEqualTo(type.energy().extended());
            assertThat(text.contains("serial: {obis: 0.0.42.0.0.255, form: logical-device-name}"))
                    .as(type.name()).isEqualTo(type.serialObis().isEmpty());
        }
        assertThat(lab.meter(2).serial()).isNotEqualTo(lab.meter(1).serial()).startsWith("3100");
    }

    // ---- lls-reader ----------------------------------------------------------------------------

    @Test
    void llsReaderReadsWithThePasswordFromTheKeystore() throws Exception {
        VirtualMeter meter = lab.meter(2);
        try (DlmsTestClient client = DlmsTestClient.of(Link.tcp(meter.amiEndpoint()),
                llsClient(InterfaceType.WRAPPER, 1, llsPassword(meter)), false)) {
            client.associate();
            assertThat(readSerial(client, MeterType.SERIAL_OBIS)).isEqualTo(meter.serial());
            assertThat(readImport(client)).isGreaterThan(0.0);
            client.release();
        }
    }

    @Test
    void llsReaderWithAWrongPasswordIsRefusedAndThePasswordIsNeverLogged() throws Exception {
        VirtualMeter meter = lab.meter(2);
        byte[] wrong = "WRONGPWD".getBytes(StandardCharsets.US_ASCII);
        try (CapturedLog log = CapturedLog.of("org.testbench.lab", Level.TRACE);
                DlmsTestClient client = DlmsTestClient.of(Link.tcp(meter.amiEndpoint()),
                        llsClient(InterfaceType.WRAPPER, 1, wrong), false)) {
            assertThatThrownBy(client::associate).isInstanceOf(GXDLMSException.class);
            assertThat(log.events()).anyMatch(e -> e.getFormattedMessage().contains("LLS password of client 32 refused"));
            String password = new String(llsPassword(meter), StandardCharsets.US_ASCII);
            assertThat(log.events()).noneMatch(e -> e.getFormattedMessage().contains(password)
                    || e.getFormattedMessage().contains("WRONGPWD"));
        }
    }

    @Test
    void llsMetersPublicClientSeesOnlyItsAssociation() throws Exception {
        VirtualMeter meter = lab.meter(2);
        try (DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            client.associate();
            assertThat(errorOf(() -> readSerial(client, MeterType.SERIAL_OBIS))).isEqualTo(READ_WRITE_DENIED);
            assertThat(errorOf(() -> readImport(client))).isEqualTo(READ_WRITE_DENIED);
            // The frame counter stays readable, so that an HLS client can pick its next one.
            GXDLMSData counter = new GXDLMSData("0.0.43.1.0.255");
            assertThat(client.read(counter, 2)).isInstanceOf(Number.class);
            client.release();
        }
    }

    @Test
    void llsReaderOverTheOpticalPortUsesTheTwoByteServerAddress() throws Exception {
        VirtualMeter meter = lab.meter(2);
        int server = GXDLMSClient.getServerAddress(1, 17);
        assertThat(meter.hdlcServerAddress()).isEqualTo(server);
        Link link = Link.serial(meter.opticalPty().orElseThrow());
        try (DlmsTestClient client = DlmsTestClient.of(link, llsClient(InterfaceType.HDLC, server, llsPassword(meter)),
                false)) {
            IecSignOn.signOnModeE(link, false);
            client.associate();
            assertThat(readSerial(client, MeterType.SERIAL_OBIS)).isEqualTo(meter.serial());
            client.release();
        }
    }

    // ---- hls-only ------------------------------------------------------------------------------

    @Test
    void hlsOnlyMeterGivesEnergyToTheManagementClientOnly() throws Exception {
        VirtualMeter meter = lab.meter(3);
        try (DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            client.associate();
            assertThat(readSerial(client, MeterType.SERIAL_OBIS)).isEqualTo(meter.serial());
            assertThat(errorOf(() -> readImport(client))).isEqualTo(READ_WRITE_DENIED);
            assertThat(errorOf(() -> client.read(new GXDLMSDisconnectControl("0.0.96.3.10.255"), 2)))
                    .isEqualTo(READ_WRITE_DENIED);
            client.release();
        }
        try (DlmsTestClient client = management(meter)) {
            client.associate();
            assertThat(client.gurux().getSourceSystemTitle()).isEqualTo(meter.systemTitle());
            assertThat(new String(Arrays.copyOf(meter.systemTitle(), 3), StandardCharsets.US_ASCII)).isEqualTo("TBH");
            assertThat(readImport(client)).isGreaterThan(0.0);
            GXDLMSDisconnectControl control = new GXDLMSDisconnectControl("0.0.96.3.10.255");
            assertThat(client.read(control, 2)).isEqualTo(true);
            client.release();
        }
    }

    // ---- alt-obis ------------------------------------------------------------------------------

    @Test
    void altObisMeterKeepsItsSerialElsewhereAndAnswersUndefinedObjectForWhatItLacks() throws Exception {
        VirtualMeter meter = lab.meter(4);
        try (DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            client.associate();
            assertThat(readSerial(client, MeterType.SERIAL_OBIS_ALTERNATIVE)).isEqualTo(meter.serial());
            assertThat(errorOf(() -> readSerial(client, MeterType.SERIAL_OBIS))).isEqualTo(UNDEFINED_OBJECT);
            assertThat(errorOf(() -> client.read(new GXDLMSRegister("1.0.2.8.0.255"), 2))).isEqualTo(UNDEFINED_OBJECT);
            assertThat(errorOf(() -> client.read(new GXDLMSDisconnectControl("0.0.96.3.10.255"), 2)))
                    .isEqualTo(UNDEFINED_OBJECT);
            assertThat(readImport(client)).isGreaterThan(0.0);
            client.release();
        }
    }

    // ---- direct-hdlc ---------------------------------------------------------------------------

    @Test
    void directHdlcMeterIgnoresSignOnAndAnswersItsSerialDerivedAddress() throws Exception {
        VirtualMeter meter = lab.meter(5);
        int physical = HdlcPhysicalAddress.fromSerial(meter.serial());
        assertThat(physical).isEqualTo(1005);
        int server = GXDLMSClient.getServerAddress(1, physical);
        assertThat(meter.hdlcServerAddress()).isEqualTo(server);
        try (Link link = Link.tcp(meter.opticalEndpoint())) {
            link.write(IecSignOn.withParity("/?!\r\n"));
            assertThat(IecSignOn.isSilent(link, Duration.ofMillis(500))).as("no identification").isTrue();
            DlmsTestClient wrongAddress = DlmsTestClient.of(link, plainClient(InterfaceType.HDLC, 1), false)
                    .withReadTimeout(Duration.ofMillis(500));
            assertThatThrownBy(() -> wrongAddress.exchange(wrongAddress.gurux().snrmRequest()))
                    .as("a frame for the one-byte address 1 is not for this meter").isInstanceOf(IOException.class);
        }
        assertHdlcReadsSerial(meter, Link.tcp(meter.opticalEndpoint()), server);
        assertHdlcReadsSerial(meter, Link.serial(meter.opticalPty().orElseThrow()), server);
    }

    private void assertHdlcReadsSerial(VirtualMeter meter, Link link, int server) throws Exception {
        try (DlmsTestClient client = DlmsTestClient.of(link, plainClient(InterfaceType.HDLC, server), false)) {
            client.associate();
            assertThat(readSerial(client, MeterType.SERIAL_OBIS)).isEqualTo(meter.serial());
            client.release();
        }
    }

    // ---- manual-reconnect ----------------------------------------------------------------------

    @Test
    void remoteReconnectOnlyArmsTheRelayAndTheBenchsButtonClosesIt() throws Exception {
        VirtualMeter meter = lab.meter(6);
        GXDLMSDisconnectControl control = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        try (DlmsTestClient client = management(meter)) {
            client.associate();
            assertThat(client.read(control, 4)).as("control mode").isNotNull();
            assertThat(control.getControlMode().ordinal()).isEqualTo(1);
            client.invoke(control.remoteDisconnect(client.gurux()));
            assertThat(meter.relayClosed()).isFalse();
            client.invoke(control.remoteReconnect(client.gurux()));
            client.read(control, 2);
            client.read(control, 3);
            assertThat(control.getOutputState()).as("output_state after remote_reconnect").isFalse();
            assertThat(control.getControlState()).isEqualTo(ControlState.READY_FOR_RECONNECTION);
            assertThat(meter.relayClosed()).isFalse();
            client.release();
        }
        try (ScpiTestClient bench = ScpiTestClient.tcp(lab.bench().scpiEndpoint())) {
            bench.send("ROUTe:BUTTon (@6)");
            assertThat(bench.nextError()).startsWith("0,");
        }
        assertThat(meter.relayClosed()).isTrue();
        try (DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            client.associate();
            client.read(control, 2);
            client.read(control, 3);
            assertThat(control.getOutputState()).isTrue();
            assertThat(control.getControlState()).isEqualTo(ControlState.CONNECTED);
            client.release();
        }
    }

    @Test
    void theDefaultMetersRemoteReconnectStillClosesTheRelayAndTheButtonDoesNothing() throws Exception {
        VirtualMeter meter = lab.meter(1);
        GXDLMSDisconnectControl control = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        try (DlmsTestClient client = management(meter)) {
            client.associate();
            client.invoke(control.remoteDisconnect(client.gurux()));
            assertThat(meter.pressButton()).as("mode 4 has no manual disconnection or armed state").isFalse();
            client.invoke(control.remoteReconnect(client.gurux()));
            client.release();
        }
        assertThat(meter.relayClosed()).isTrue();
    }

    // ---- hls-sha256 ----------------------------------------------------------------------------

    @Test
    void hlsSha256ReaderReadsEnergyOnlyAfterItsHlsAnswerIsAccepted() throws Exception {
        VirtualMeter meter = lab.meters().get(MeterType.builtIn().indexOf(MeterType.HLS_SHA256));
        byte[] secret = keystoreEntry(meter, "hls");
        assertThat(secret).hasSize(16);
        for (var reader : java.util.Map.of(48, Authentication.HIGH_SHA256, 49, Authentication.HIGH_MD5,
                50, Authentication.HIGH_SHA1).entrySet()) {
            try (DlmsTestClient client = DlmsTestClient.of(Link.tcp(meter.amiEndpoint()),
                    hlsClient(reader.getKey(), reader.getValue(), secret), false)) {
                client.associate();
                assertThat(readImport(client)).as("client %s", reader.getKey()).isGreaterThan(0.0);
                client.release();
            }
        }
        // AARQ accepted, HLS pass 3 never sent: the association is not established and reads nothing.
        try (DlmsTestClient client = DlmsTestClient.of(Link.tcp(meter.amiEndpoint()),
                hlsClient(48, Authentication.HIGH_SHA256, secret), false)) {
            GXReplyData aare = new GXReplyData();
            for (byte[] request : client.gurux().aarqRequest()) {
                aare = client.exchange(request);
            }
            client.gurux().parseAareResponse(aare.getData());
            // The meter answers an exception-response (service not supported) until pass 3 and 4 are done.
            assertThatThrownBy(() -> readImport(client)).isInstanceOf(gurux.dlms.GXDLMSExceptionResponse.class);
        }
        // A wrong secret: pass 4 never comes.
        byte[] wrong = secret.clone();
        wrong[0] ^= 1;
        try (DlmsTestClient client = DlmsTestClient.of(Link.tcp(meter.amiEndpoint()),
                hlsClient(48, Authentication.HIGH_SHA256, wrong), false)) {
            assertThatThrownBy(client::associate).isInstanceOf(Exception.class);
        }
        try (DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            client.associate();
            assertThat(errorOf(() -> readImport(client))).as("the public client reads the nameplate only")
                    .isEqualTo(READ_WRITE_DENIED);
            client.release();
        }
    }

    // ---- ext-register, float-kwh -----------------------------------------------------------------

    @Test
    void extRegisterAnswersAtLogicalDeviceSeventeenWithClassFourEnergyInHundredthsOfAWattHour() throws Exception {
        VirtualMeter meter = lab.meters().get(MeterType.builtIn().indexOf(MeterType.EXT_REGISTER));
        meter.addEnergy(1.234, 0);
        try (DlmsTestClient client = DlmsTestClient.of(Link.tcp(meter.amiEndpoint()),
                plainClient(InterfaceType.WRAPPER, 17), false)) {
            client.associate();
            // A register (class 3) there is "undefined object": the energy is an extended register.
            assertThat(errorOf(() -> client.read(new GXDLMSRegister("1.1.1.8.0.255"), 2))).isEqualTo(UNDEFINED_OBJECT);
            GXDLMSExtendedRegister energy = new GXDLMSExtendedRegister("1.1.1.8.0.255");
            client.read(energy, 3);
            assertThat(energy.getScaler()).isEqualTo(0.01);
            assertThat(energy.getUnit()).isEqualTo(gurux.dlms.enums.Unit.ACTIVE_ENERGY);
            GXDLMSExtendedRegister raw = new GXDLMSExtendedRegister("1.1.1.8.0.255");
            Object value = client.read(raw, 2);
            assertThat(value).isInstanceOf(gurux.dlms.GXUInt64.class);
            assertThat(new java.math.BigDecimal(value.toString()).scaleByPowerOfTen(-2))
                    .isEqualByComparingTo(meter.importRegisterWh());
            assertThat(errorOf(() -> client.read(new GXDLMSRegister("1.0.1.8.0.255"), 2))).isEqualTo(UNDEFINED_OBJECT);
            client.release();
        }
    }

    @Test
    void floatKwhSendsFloat64KilowattHoursWithScalerThree() throws Exception {
        VirtualMeter meter = lab.meters().get(MeterType.builtIn().indexOf(MeterType.FLOAT_KWH));
        meter.addEnergy(0.5, 0);
        try (DlmsTestClient client = DlmsTestClient.of(Link.tcp(meter.amiEndpoint()),
                plainClient(InterfaceType.WRAPPER, 1), false)) {
            client.associate();
            GXDLMSRegister energy = new GXDLMSRegister("1.0.1.8.0.255");
            client.read(energy, 3);
            assertThat(energy.getScaler()).isEqualTo(1000.0);
            Object value = client.read(new GXDLMSRegister("1.0.1.8.0.255"), 2);
            assertThat(value).isInstanceOf(Double.class);
            assertThat(java.math.BigDecimal.valueOf((Double) value).scaleByPowerOfTen(3))
                    .isEqualByComparingTo(meter.importRegisterWh());
            client.release();
        }
    }

    @Test
    void tariffOnlyKeepsImportInTwoTariffRegistersAndHasNoTotal() throws Exception {
        VirtualMeter meter = lab.meters().get(MeterType.builtIn().indexOf(MeterType.TARIFF_ONLY));
        meter.addEnergy(250.0, 0);
        try (DlmsTestClient client = DlmsTestClient.of(Link.tcp(meter.amiEndpoint()),
                plainClient(InterfaceType.WRAPPER, 1), false)) {
            client.associate();
            assertThat(errorOf(() -> client.read(new GXDLMSRegister("1.0.1.8.0.255"), 2))).isEqualTo(UNDEFINED_OBJECT);
            List<java.math.BigDecimal> tariffs = new java.util.ArrayList<>();
            for (String obis : List.of("1.0.1.8.1.255", "1.0.1.8.2.255")) {
                GXDLMSRegister tariff = new GXDLMSRegister(obis);
                client.read(tariff, 3);
                assertThat(tariff.getScaler()).isEqualTo(1.0);
                tariffs.add(new java.math.BigDecimal(client.read(new GXDLMSRegister(obis), 2).toString()));
            }
            assertThat(tariffs.get(0)).isPositive().isNotEqualByComparingTo(tariffs.get(1));
            assertThat(tariffs.get(0).add(tariffs.get(1))).isEqualByComparingTo(meter.importRegisterWh());
            client.release();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static GXDLMSSecureClient llsClient(InterfaceType framing, int server, byte[] password) {
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, LLS_CLIENT, server, Authentication.LOW, null,
                framing);
        client.setPassword(password);
        return client;
    }

    private static GXDLMSSecureClient plainClient(InterfaceType framing, int server) {
        return new GXDLMSSecureClient(true, DlmsTestClient.PUBLIC_CLIENT, server, Authentication.NONE, null, framing);
    }

    private DlmsTestClient management(VirtualMeter meter) throws Exception {
        TestLabs.MeterSecrets keys = TestLabs.keysOf(lab, meter);
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, 1, 1, Authentication.HIGH_GMAC, null,
                InterfaceType.WRAPPER);
        client.getCiphering().setSecurity(Security.AUTHENTICATION_ENCRYPTION);
        client.getCiphering().setSystemTitle(CLIENT_TITLE);
        client.getCiphering().setBlockCipherKey(keys.encryptionKey());
        client.getCiphering().setAuthenticationKey(keys.authenticationKey());
        client.getCiphering().setInvocationCounter(meter.lastAcceptedInvocationCounter() + 1);
        client.getProposedConformance().remove(Conformance.GENERAL_PROTECTION);
        return DlmsTestClient.of(Link.tcp(meter.amiEndpoint()), client, false);
    }

    private byte[] llsPassword(VirtualMeter meter) throws Exception {
        return keystoreEntry(meter, "lls");
    }

    private byte[] keystoreEntry(VirtualMeter meter, String kind) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(lab.keystore())) {
            store.load(in, TestLabs.PASSWORD);
        }
        return store.getKey(meter.serial() + "." + kind, TestLabs.PASSWORD).getEncoded();
    }

    /** A reader with an HLS mechanism over the HLS secret; SHA-256 also hashes our system title. */
    private static GXDLMSSecureClient hlsClient(int address, Authentication mechanism, byte[] secret) {
        // Over the wrapper, the server address is the logical device alone.
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, address, 1, mechanism, null, InterfaceType.WRAPPER);
        client.setPassword(secret);
        client.getCiphering().setSystemTitle(CLIENT_TITLE);
        return client;
    }

    private static String readSerial(DlmsTestClient client, String obis) throws Exception {
        GXDLMSData serial = new GXDLMSData(obis);
        Object value = client.read(serial, 2);
        return value instanceof byte[] ? new String((byte[]) value, StandardCharsets.US_ASCII) : String.valueOf(value);
    }

    private static double readImport(DlmsTestClient client) throws Exception {
        GXDLMSRegister register = new GXDLMSRegister("1.0.1.8.0.255");
        client.read(register, 3);
        return ((Number) client.read(register, 2)).doubleValue();
    }

    @FunctionalInterface
    private interface Read {
        Object run() throws Exception;
    }

    private static int errorOf(Read read) {
        try {
            read.run();
        } catch (GXDLMSException e) {
            return e.getErrorCode();
        } catch (Exception e) {
            throw new AssertionError("expected a DLMS error, got " + e, e);
        }
        throw new AssertionError("expected a DLMS error, the read succeeded");
    }
}
