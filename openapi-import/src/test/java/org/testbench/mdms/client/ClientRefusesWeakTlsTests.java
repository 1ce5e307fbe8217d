package org.testbench.mdms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.ReferenceMdms;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.Specs;

/**
 * The bench's own client against the lab's HTTPS profiles: it talks to the good one and refuses every
 * weak one in the handshake, with a TRANSPORT outcome that says why.
 */
class ClientRefusesWeakTlsTests {

    private static final ApiCatalog CATALOG = Specs.load("mdms-v1.yaml");
    /** What the refusal must say, per profile. */
    private static final Map<MdmsTlsProfile, String> REASONS = Map.ofEntries(
            Map.entry(MdmsTlsProfile.TLS10, "TLS handshake failed"),
            Map.entry(MdmsTlsProfile.NULL_CIPHER, "TLS handshake failed"),
            Map.entry(MdmsTlsProfile.ANON_CIPHER, "TLS handshake failed"),
            Map.entry(MdmsTlsProfile.CAMELLIA, "TLS handshake failed"),
            Map.entry(MdmsTlsProfile.SMALL_CURVE, "TLS handshake failed"),
            Map.entry(MdmsTlsProfile.EXPIRED, "expired"),
            Map.entry(MdmsTlsProfile.SELF_SIGNED, "certification path"),
            Map.entry(MdmsTlsProfile.WRONG_HOST, "does not match the host"),
            Map.entry(MdmsTlsProfile.RSA1024, "RSA key of 1024 bits"),
            Map.entry(MdmsTlsProfile.SHA1, "signed with SHA1withRSA"),
            Map.entry(MdmsTlsProfile.LEGACY, "TLS handshake failed"),
            Map.entry(MdmsTlsProfile.CERT_PROFILE, "not valid yet"));

    @TempDir
    Path dir;

    private MdmsResponse getMeter(ReferenceMdms server) throws Exception {
        ClientOptions options = ClientOptions.newBuilder().tls(TlsSettings.trustingCa(server.ca())).build();
        try (MdmsClient client = MdmsClient.newBuilder().baseUrl(server.url().toString()).catalog(CATALOG)
                .binding(Samples.binding()).options(options).build()) {
            return client.call(Capability.METER_GET, Map.of("serial", "26000001"));
        }
    }

    @Test
    void talksToTheGoodProfileOverTls13() throws Exception {
        try (ReferenceMdms server = ReferenceMdms.start(MdmsTlsProfile.GOOD, dir)) {
            MdmsResponse response = getMeter(server);

            // The MDMS has no meters: an answer of the API (not a transport failure) is what counts here.
            assertThat(response.outcome()).as(response.toString()).isNotEqualTo(MdmsOutcome.TRANSPORT);
            assertThat(response.evidence().tls()).matches("TLSv1\\.3 TLS_AES_(128|256)_GCM_SHA(256|384)");
        }
    }

    @ParameterizedTest
    @EnumSource(value = MdmsTlsProfile.class, names = "GOOD", mode = EnumSource.Mode.EXCLUDE)
    void refusesEachWeakProfileWithAReason(MdmsTlsProfile profile) throws Exception {
        try (ReferenceMdms server = ReferenceMdms.start(profile, dir)) {
            MdmsResponse response = getMeter(server);

            assertThat(response.outcome()).as(response.toString()).isEqualTo(MdmsOutcome.TRANSPORT);
            assertThat(response.message()).contains(REASONS.get(profile));
        }
    }
}
