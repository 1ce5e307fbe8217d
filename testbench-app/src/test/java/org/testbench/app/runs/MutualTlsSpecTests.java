package org.testbench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SecurityScheme;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.catalog.SpecVersion;
import org.testbench.mdms.client.auth.AuthConfigurationException;
import org.testbench.mdms.client.auth.AuthSettings;
import org.testbench.mdms.client.auth.MdmsAuthentication;

/**
 * The document a lab demanding client certificates hands out, for each dialect: OpenAPI 3.1 with the scheme
 * {@code mutualTLS} required by every requirement, the same operations, the dialect's binding still fitting, its
 * nullable fields still nullable; and the bench, reading it without an identity, says so before sending anything.
 */
class MutualTlsSpecTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(MdmsDialect.class)
    void theDocumentRequiresTheClientCertificateAndStillFitsItsBinding(MdmsDialect dialect) throws Exception {
        MdmsFiles original = MdmsFiles.extract(dir.resolve("original"), dialect.specFile(), dialect.bindingFile());
        MdmsFiles files = MdmsFiles.extract(dir.resolve("mtls"), dialect.specFile(), dialect.bindingFile());
        MutualTlsSpec.require(files.spec());

        ApiCatalog before = SpecImporter.defaults().importFile(original.spec());
        ApiCatalog after = SpecImporter.defaults().importFile(files.spec());
        assertThat(after.specVersion()).isEqualTo(SpecVersion.OPENAPI_3_1);
        assertThat(after.operations()).hasSameSizeAs(before.operations());
        assertThat(after.securitySchemes()).filteredOn(s -> s.type() == SecurityScheme.Type.MUTUAL_TLS)
                .extracting(SecurityScheme::name).containsExactly(MutualTlsSpec.SCHEME);
        assertThat(after.security()).isNotEmpty().allSatisfy(requirement ->
                assertThat(requirement.schemes()).containsKey(MutualTlsSpec.SCHEME));
        assertThat(after.security()).extracting(r -> r.schemes().size() - 1)
                .containsExactlyElementsOf(before.security().stream().map(r -> r.schemes().size()).toList());
        assertThat(Binding.load(files.binding()).validate(after).isUsable()).isTrue();
        assertThat(Files.readString(files.spec())).doesNotContain("nullable").contains("- \"null\"");

        assertThatThrownBy(() -> MdmsAuthentication.create(after, HttpUrl.get("https://127.0.0.1:1/"),
                AuthSettings.fromDocument(), variable -> Optional.of("secret-of-" + variable), null, false))
                .isInstanceOf(AuthConfigurationException.class)
                .hasMessage(after.title() + " " + after.version() + " requires a TLS client certificate (security "
                        + "scheme clientCertificate, mutualTLS) and the bench has no identity: set mdms identity "
                        + "(PKCS#12) or --identity");
    }
}
