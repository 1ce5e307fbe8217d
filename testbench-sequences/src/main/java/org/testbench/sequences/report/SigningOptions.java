package org.testbench.sequences.report;

import java.util.Optional;

/**
 * How far a signature goes: its level, and the time-stamping authority that levels B-T and above need.
 *
 * @param tsa empty only for B-B
 */
public record SigningOptions(SignatureLevel level, Optional<TimeStampClient> tsa) {

    public SigningOptions {
        if (level.needsTimeStamps() && tsa.isEmpty()) {
            throw new IllegalArgumentException("level " + level.externalName() + " needs a time-stamping authority "
                    + "(--tsa URL)");
        }
    }

    /** PAdES/CAdES baseline B: no time stamp, nothing fetched. */
    public static SigningOptions basic() {
        return new SigningOptions(SignatureLevel.B_B, Optional.empty());
    }

    /**
     * What {@code --level} and {@code --tsa} ask for: the level given, or B-T when only a TSA is given.
     *
     * @param level null when not given
     * @param tsa null when not given
     * @throws ReportException when a level above B-B is asked without a TSA
     */
    public static SigningOptions of(String level, TimeStampClient tsa) throws ReportException {
        SignatureLevel l;
        try {
            l = level == null ? (tsa == null ? SignatureLevel.B_B : SignatureLevel.B_T) : SignatureLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw new ReportException("--level: " + e.getMessage());
        }
        if (l.needsTimeStamps() && tsa == null) {
            throw new ReportException("--level " + l.externalName() + " needs a time-stamping authority: add --tsa URL");
        }
        return new SigningOptions(l, Optional.ofNullable(tsa));
    }
}
