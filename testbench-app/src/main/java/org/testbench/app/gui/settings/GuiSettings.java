package org.testbench.app.gui.settings;

import java.util.Objects;

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
 */
public record GuiSettings(String benchYaml, String mdmsUrl, String tlsIdentity, String trustedCa, String meterKeystore,
                          String signingIdentity, String reportCa, String database, int labMeters) {

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
        if (labMeters < 1 || labMeters > 200) {
            throw new IllegalArgumentException("the virtual lab simulates 1 to 200 meters, not " + labMeters);
        }
    }

    public static GuiSettings defaults() {
        return new GuiSettings("", "", "", "", "", "", "", "", DEFAULT_LAB_METERS);
    }

    public GuiSettings withDatabase(String url) {
        return new GuiSettings(benchYaml, mdmsUrl, tlsIdentity, trustedCa, meterKeystore, signingIdentity, reportCa,
                url, labMeters);
    }

    private static String clean(String s) {
        return Objects.requireNonNullElse(s, "").strip();
    }
}
