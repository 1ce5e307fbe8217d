package org.testbench.sequences.results;

import java.util.Objects;

/**
 * The MDMS interface a run talked to: the API version the MDMS reported or the specification declares, and
 * the digests of the imported OpenAPI file and of the binding used, so that a result can be tied to them.
 */
public record MdmsInterface(String apiVersion, Sha256 specSha256, Sha256 bindingSha256) {

    public MdmsInterface {
        Checks.requireText(apiVersion, 100, "MDMS API version");
        Objects.requireNonNull(specSha256, "specSha256");
        Objects.requireNonNull(bindingSha256, "bindingSha256");
    }
}
