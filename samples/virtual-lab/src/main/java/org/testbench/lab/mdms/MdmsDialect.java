package org.testbench.lab.mdms;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The API front ends of the simulated MDMS. Each one serves the same meters, head-end, commands, faults and
 * latency, but speaks its own vendor's language — the way MDMS products really differ — so that the bench
 * proves that a new MDMS is configured (spec, binding, credentials), not coded.
 *
 * <ul>
 * <li>{@code reference}: {@code samples/openapi/mdms-v1.yaml}: serials in the path, flat bodies,
 * {@code OPEN}/{@code CLOSED}, commands {@code PENDING}/{@code EXECUTED}/{@code FAILED}, Wh, its own error
 * body, 202 + Location, a bearer token.</li>
 * <li>{@code gridflow}: {@code samples/openapi/gridflow-hes-v2.yaml}: the MDMS's own device ids (looked up by
 * serial), nested bodies ({@code {"operation":{"type":"DISCONNECT"}}}), relay {@code ON}/{@code OFF}, jobs
 * {@code QUEUED}/{@code SUCCEEDED}/{@code FAILED}, kWh inside a {@code readings} array, OBIS as
 * {@code 1-0:1.8.0}, RFC 7807 problem+json errors, 202 + Location, OAuth2 client credentials with the lab's
 * own token endpoint.</li>
 * <li>{@code metercloud}: {@code samples/openapi/metercloud-v1.yaml}: ids {@code MTR-<serial>}, supply
 * {@code connected}/{@code disconnected}, requests {@code queued}/{@code completed}/{@code failed}, energy in
 * kWh without a unit field, OBIS in hex, errors as {@code {"error":{...}}}, 202 with the status URL in the
 * body, an API key (header, query or cookie) or HTTP basic.</li>
 * </ul>
 */
public enum MdmsDialect {

    REFERENCE("reference", "", "mdms-v1.yaml", "mdms-v1.binding.yaml", "bearer"),
    GRIDFLOW("gridflow", "/api/v2", "gridflow-hes-v2.yaml", "gridflow-hes-v2.binding.yaml",
            "oauth2-client-credentials"),
    METERCLOUD("metercloud", "/v1", "metercloud-v1.yaml", "metercloud-v1.binding.yaml", "api-key");

    /** The OAuth2 client the gridflow dialect knows; its secret is the lab's MDMS secret. */
    public static final String OAUTH2_CLIENT_ID = "testbench-bench";
    /** The user of HTTP basic in the metercloud dialect; its password is the lab's MDMS secret. */
    public static final String BASIC_USER = "testbench";
    /** Where gridflow's token endpoint is, relative to the server root (the spec's tokenUrl). */
    public static final String TOKEN_PATH = "/oauth/token";
    /** The scope gridflow's operations need. */
    public static final String OAUTH2_SCOPE = "hes.devices";

    private final String externalName;
    private final String basePath;
    private final String specFile;
    private final String bindingFile;
    private final String authScheme;

    MdmsDialect(String externalName, String basePath, String specFile, String bindingFile, String authScheme) {
        this.externalName = externalName;
        this.basePath = basePath;
        this.specFile = specFile;
        this.bindingFile = bindingFile;
        this.authScheme = authScheme;
    }

    /** The name on the command line and in the endpoints file. */
    public String externalName() {
        return externalName;
    }

    /** The path of the API under the server root ({@code ""} for the reference API). */
    public String basePath() {
        return basePath;
    }

    /** The file name of its OpenAPI document in {@code samples/openapi}. */
    public String specFile() {
        return specFile;
    }

    /** The file name of its binding in {@code samples/bindings}. */
    public String bindingFile() {
        return bindingFile;
    }

    /** How a client authenticates, in the words of the endpoints file. */
    public String authScheme() {
        return authScheme;
    }

    /** The dialect with this name (case-insensitive). */
    public static MdmsDialect parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.externalName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown MDMS dialect '" + name + "'; known: "
                        + Arrays.stream(values()).map(MdmsDialect::externalName).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return externalName;
    }
}
