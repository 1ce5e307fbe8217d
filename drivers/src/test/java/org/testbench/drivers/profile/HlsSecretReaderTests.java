package org.testbench.drivers.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.dlms.ApduSecurity;
import org.testbench.drivers.dlms.AuthenticationMechanism;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.FrameLog;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.ServerAddress;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.dlms.StandardObis;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.keys.MeterPassword;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;

/**
 * Readers that answer the meter's challenge with a hash over the HLS secret — HLS-SHA256 (mechanism 6), and the
 * HLS-MD5 (3) and HLS-SHA1 (4) of older firmware — against the virtual lab's {@code hls-sha256} meter, a Gurux
 * server of its own: real associations over the AMI wrapper and the optical port (HDLC after mode E), the secret
 * from the keystore entry {@code <serial>.hls} or from the variable the profile names, and a wrong secret refused
 * with a line that names the client and shows no secret, in no message and no frame kept as evidence.
 */
class HlsSecretReaderTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(3));
    private static final ServerAddress SERVER = new ServerAddress(1, java.util.OptionalInt.of(17));
    private static LabFixture fixture;
    private static MeterKeyStore keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void startLab() throws Exception {
        fixture = LabFixture.start(LabConfig.builder().meters(1).meterTypes(List.of(MeterType.HLS_SHA256)));
        keys = fixture.keyStore();
    }

    @AfterAll
    static void stopLab() throws Exception {
        fixture.close();
    }

    private static VirtualMeter meter() {
        return fixture.meter(1);
    }

    private static DlmsClient client(int address, AuthenticationMechanism mechanism, Optional<String> variable) {
        return new DlmsClient(address, mechanism, ApduSecurity.NONE, 0, variable);
    }

    /** The lab type's profile, as samples/meters/hls-sha256.yaml writes it, with the reader given. */
    private static MeterProfile profile(DlmsClient reader) {
        return new MeterProfile("Testbench Lab HS6", new OpticalLink(OpticalLink.Mode.E, 9600, Duration.ZERO,
                Duration.ZERO), AmiLink.WRAPPER, new MeterProfile.Addresses(1, new PhysicalAddress.Fixed(17)),
                new Clients(reader, Optional.of(DlmsClient.MANAGEMENT), DlmsClient.PUBLIC),
                MeterProfile.STANDARD_OBJECTS, "test");
    }

    private static MeterChannel ami(MeterProfile profile) {
        return ProfiledMeter.amiChannel(profile, PortAddress.parse(meter().amiEndpoint()), Duration.ofSeconds(2));
    }

    private static MeterChannel optical(MeterProfile profile) {
        return ProfiledMeter.opticalChannel(profile, PortAddress.parse(meter().opticalEndpoint()),
                SignOnOptions.defaults());
    }

    private static byte[] labSecret() throws DeviceException {
        try (MeterPassword secret = keys.hlsSecretFor(meter().serial())) {
            return secret.bytes();
        }
    }

    @Test
    void anHlsSha256ReaderReadsEnergyWithTheKeystoresSecretOverTheWrapperAndTheOpticalPort() throws Exception {
        MeterProfile profile = profile(client(48, AuthenticationMechanism.HLS_SHA256, Optional.empty()));
        for (MeterChannel channel : List.of(ami(profile), optical(profile))) {
            List<FrameLog.Frame> frames = new CopyOnWriteArrayList<>();
            MeterReadout r = new ProfiledMeter(profile, channel, Optional.empty(), Optional.of(keys),
                    OPTIONS.withFrameLog(frames::add)).read(List.of());

            assertThat(r.identity().serial()).isEqualTo(meter().serial());
            assertThat(r.values()).extracting(CosemValue::obis)
                    .containsExactly(StandardObis.ACTIVE_ENERGY_IMPORT, StandardObis.ACTIVE_ENERGY_EXPORT);
            assertThat(r.unavailable()).as("the public client may not read energy; client 48 may").isEmpty();
            assertThat(r.loadSwitch()).isPresent();
            String evidence = frames.stream().map(FrameLog.Frame::hex).reduce("", (a, b) -> a + "\n" + b);
            assertThat(evidence).as("the challenges and the answers of pass 3 and 4 are withheld")
                    .contains("[HLS challenge withheld]").contains("[HLS answer withheld]");
            assertNoSecret(evidence, labSecret());
        }
    }

    @Test
    void theLegacyHlsMd5AndHlsSha1ReadersAssociateWithTheSameSecret() throws Exception {
        for (var reader : Map.of(49, AuthenticationMechanism.HLS_MD5, 50, AuthenticationMechanism.HLS_SHA1).entrySet()) {
            DlmsClient client = client(reader.getKey(), reader.getValue(), Optional.empty());
            try (MeterPassword secret = keys.hlsSecretFor(meter().serial());
                 MeterSession s = MeterSession.open(ami(profile(client)), client, SERVER, secret, null, 0, OPTIONS)) {
                assertThat(s.read(StandardObis.ACTIVE_ENERGY_IMPORT).value()).as(client.describe())
                        .isInstanceOf(Number.class);
            }
        }
    }

    @Test
    void theSecretFromTheProfilesVariableMayBeWrittenInHex() throws Exception {
        String hex = "hex:" + HexFormat.of().formatHex(labSecret());
        MeterProfile profile = profile(client(48, AuthenticationMechanism.HLS_SHA256, Optional.of("HS6_SECRET")));
        MeterReadout r = new ProfiledMeter(profile, ami(profile), Optional.of(meter().serial()), Optional.empty(),
                OPTIONS, Map.of("HS6_SECRET", hex)::get).read(List.of(StandardObis.ACTIVE_ENERGY_IMPORT));
        assertThat(r.values()).extracting(CosemValue::obis).containsExactly(StandardObis.ACTIVE_ENERGY_IMPORT);

        assertThatThrownBy(() -> new ProfiledMeter(profile, ami(profile), Optional.of(meter().serial()),
                Optional.empty(), OPTIONS, Map.of("HS6_SECRET", "hex:0g")::get).read(List.of()))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.KEYS);
                    assertThat(e.getMessage()).contains("environment variable HS6_SECRET").contains("not a hex digit")
                            .doesNotContain("0g");
                });
    }

    @Test
    void aWrongSecretIsAnAuthenticationFailureThatNamesTheClientAndShowsNoSecret() throws Exception {
        byte[] wrong = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        Path wrongKeys = keystoreWithSecret(meter().serial(), wrong);
        for (AuthenticationMechanism mechanism : List.of(AuthenticationMechanism.HLS_SHA256,
                AuthenticationMechanism.HLS_MD5, AuthenticationMechanism.HLS_SHA1)) {
            int address = mechanism == AuthenticationMechanism.HLS_SHA256 ? 48
                    : mechanism == AuthenticationMechanism.HLS_MD5 ? 49 : 50;
            MeterProfile profile = profile(client(address, mechanism, Optional.empty()));
            List<FrameLog.Frame> frames = new CopyOnWriteArrayList<>();
            List<String> texts = new ArrayList<>();
            assertThatThrownBy(() -> new ProfiledMeter(profile, ami(profile), Optional.of(meter().serial()),
                    Optional.of(MeterKeyStore.open(wrongKeys, LabFixture.PASSWORD)), OPTIONS.withFrameLog(frames::add))
                    .read(List.of()))
                    .isInstanceOfSatisfying(DeviceException.class, e -> {
                        assertThat(e.fault()).isEqualTo(Fault.AUTHENTICATION_FAILED);
                        assertThat(e.getMessage()).contains("authentication failed")
                                .contains("client " + address + " (" + mechanism.external() + ")")
                                .contains("wrong HLS secret").contains("reader client of meter " + meter().serial())
                                .contains("keystore entry '" + meter().serial() + ".hls'");
                        Throwable t = e;
                        while (t != null) {
                            texts.add(String.valueOf(t.getMessage()));
                            texts.add(t.toString());
                            t = t.getCause();
                        }
                    });
            frames.forEach(f -> texts.add(f.hex()));
            assertThat(frames).as("the refused association is kept as evidence").isNotEmpty();
            for (byte[] secret : List.of(wrong, labSecret())) {
                assertNoSecret(String.join("\n", texts), secret);
            }
        }
        // The meter still serves the right secret afterwards.
        MeterProfile profile = profile(client(48, AuthenticationMechanism.HLS_SHA256, Optional.empty()));
        assertThat(new ProfiledMeter(profile, ami(profile), Optional.of(meter().serial()), Optional.of(keys), OPTIONS)
                .read(List.of(StandardObis.ACTIVE_ENERGY_IMPORT)).values()).hasSize(1);
    }

    @Test
    void aReaderWithoutItsSecretIsAKeysErrorThatSaysWhereTheSecretGoes() {
        MeterProfile profile = profile(client(48, AuthenticationMechanism.HLS_SHA256, Optional.of("HS6_SECRET")));
        assertThatThrownBy(() -> new ProfiledMeter(profile, ami(profile), Optional.of(meter().serial()),
                Optional.empty(), OPTIONS, Map.<String, String>of()::get).read(List.of()))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.KEYS);
                    assertThat(e.getMessage()).contains("reader client 48 (hls-sha256) needs its HLS secret")
                            .contains("HS6_SECRET").contains(meter().serial() + ".hls");
                });
    }

    private static void assertNoSecret(String text, byte[] secret) {
        for (String form : List.of(HexFormat.of().formatHex(secret), HexFormat.of().withUpperCase().formatHex(secret),
                HexFormat.ofDelimiter(" ").formatHex(secret), HexFormat.ofDelimiter(" ").withUpperCase().formatHex(secret),
                Base64.getEncoder().encodeToString(secret))) {
            assertThat(text).as("the HLS secret as %s", form).doesNotContain(form);
        }
    }

    private Path keystoreWithSecret(String serial, byte[] secret) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(serial + ".hls", new KeyStore.SecretKeyEntry(new SecretKeySpec(secret, "AES")),
                new KeyStore.PasswordProtection(LabFixture.PASSWORD));
        Path file = dir.resolve("wrong-hls.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, LabFixture.PASSWORD);
        }
        return file;
    }
}
