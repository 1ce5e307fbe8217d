package org.testbench.lab.keys;

import java.util.Objects;
import java.util.Optional;

/**
 * The secrets a meter's reading clients authenticate with, for a type that has such clients: the LLS password
 * (a low level reader) and the HLS secret (HLS-MD5, -SHA1, -SHA256 readers). Holds them without copying: the lab
 * destroys them when it stops.
 */
public record ClientSecrets(Optional<LlsPassword> llsPassword, Optional<HlsSecret> hlsSecret) {

    /** A meter whose clients need no secret of their own (none, or only HLS-GMAC with the suite keys). */
    public static final ClientSecrets NONE = new ClientSecrets(Optional.empty(), Optional.empty());

    public ClientSecrets {
        Objects.requireNonNull(llsPassword, "llsPassword");
        Objects.requireNonNull(hlsSecret, "hlsSecret");
    }

    @Override
    public String toString() {
        return "ClientSecrets[lls=" + llsPassword.isPresent() + ", hls=" + hlsSecret.isPresent() + "]";
    }
}
