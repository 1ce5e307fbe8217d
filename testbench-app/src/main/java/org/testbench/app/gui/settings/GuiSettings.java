package org.testbench.app.gui.settings;

import java.util.Objects;
import org.testbench.lab.mdms.MdmsDialect;

/**
 * What the desktop app remembers between sessions. Paths and addresses only — passwords and tokens are
 * asked for when needed and never stored. Empty text means "not set".
 *
 * @param benchYaml        the bench configuration of a real lab ({@code bench.yaml})
 * @param mdmsUrl          the MDMS's base URL (overrides the one in bench.yaml)
 * @param tlsIdentity      the bench's TLS client identity (PKCS#12) for the MDMS
 * @param trustedCa        the CA (PEM) the MDMS's server certificate must chain to
 * @param meterKeystore    the meters' keystore (PKCS#12)
 * @param signingIdentity  the QA signing identity (PKCS#12) for reports
 * @param reportCa         the CA (PEM) signed reports are verified against
 * @param database         a JDBC URL, or empty for the default H2 file in ~/.local/share/testbench
 * @param labMeters        how many meters the virtual lab simulates
 * @param mdmsAuthScheme   the MDMS's security scheme to use (overrides bench.yaml's mdms.auth.scheme): its name in
 *                         the API document or bearer, api-key, basic, oauth2, mutual-tls, none
 * @param mdmsClientId     the OAuth2 client id (overrides bench.yaml's mdms.auth.client_id)
 * @param mdmsUser         the user of HTTP basic (overrides bench.yaml's mdms.auth.user)
 * @param labDialect       the API the virtual lab's MDMS speaks: reference, gridflow or metercloud
 */
public record GuiSettings(String benchYaml, String mdmsUrl, String tlsIdentity, String trustedCa, String meterKeystore,
                          String signingIdentity, String reportCa, String database, int labMeters,
                          String mdmsAuthScheme, String mdmsClientId, String mdmsUser, String labDialect) {

    public static final int DEFAULT_LAB_METERS = 3;

    public GuiSettings {
        benchYaml = clean(benchYaml);
        mdmsUrl = clean(mdmsUrl);
        tlsIdentity = clean(tlsIdentity);
        trustedCa = clean(trustedCa);
        meterKeystore = clean(meterKeystore);
        signingIdentity = clean(signingIdentity);
        reportCa = clean(reportCa);
        database = clean(database);
        mdmsAuthScheme = clean(mdmsAuthScheme);
        mdmsClientId = clean(mdmsClientId);
        mdmsUser = clean(mdmsUser);
        labDialect = clean(labDialect).isEmpty() ? MdmsDialect.REFERENCE.externalName()
                : MdmsDialect.parse(labDialect).externalName();
        if (labMeters < 1 || labMeters > 200) {
            throw new IllegalArgumentException("the virtual lab simulates 1 to 200 meters, not " + labMeters);
        }
    }

    /** Without MDMS credential settings, the lab's MDMS in the reference dialect. */
    public GuiSettings(String benchYaml, String mdmsUrl, String tlsIdentity, String trustedCa, String meterKeystore,
                       String signingIdentity, String reportCa, String database, int labMeters) {
        this(benchYaml, mdmsUrl, tlsIdentity, trustedCa, meterKeystore, signingIdentity, reportCa, database, labMeters,
                "", "", "", "");
    }

    public static GuiSettings defaults() {
        return new GuiSettings("", "", "", "", "", "", "", "", DEFAULT_LAB_METERS);
    }

    public GuiSettings withDatabase(String url) {
        return new GuiSettings(benchYaml, mdmsUrl, tlsIdentity, trustedCa, meterKeystore, signingIdentity, reportCa,
                url, labMeters, mdmsAuthScheme, mdmsClientId, mdmsUser, labDialect);
    }

    public GuiSettings withLabMeters(int meters) {
        return new GuiSettings(benchYaml, mdmsUrl, tlsIdentity, trustedCa, meterKeystore, signingIdentity, reportCa,
                database, meters, mdmsAuthScheme, mdmsClientId, mdmsUser, labDialect);
    }

    public GuiSettings withReportSigning(String signer, String ca) {
        return new GuiSettings(benchYaml, mdmsUrl, tlsIdentity, trustedCa, meterKeystore, signer, ca, database,
                labMeters, mdmsAuthScheme, mdmsClientId, mdmsUser, labDialect);
    }

    /** The lab's MDMS dialect. */
    public MdmsDialect dialect() {
        return MdmsDialect.parse(labDialect);
    }

    private static String clean(String s) {
        return Objects.requireNonNullElse(s, "").strip();
    }
}
