package org.testbench.mdms.tls.internal;

import java.util.List;

import org.bouncycastle.tls.ProtocolVersion;

/** The protocol versions an audit probes, oldest first, with the names the report uses. */
public final class VersionNames {

    public static final List<ProtocolVersion> PROBED = List.of(ProtocolVersion.SSLv3, ProtocolVersion.TLSv10,
            ProtocolVersion.TLSv11, ProtocolVersion.TLSv12, ProtocolVersion.TLSv13);

    private VersionNames() {
    }

    public static String name(ProtocolVersion version) {
        if (version.equals(ProtocolVersion.SSLv3)) {
            return "SSLv3";
        }
        if (version.equals(ProtocolVersion.TLSv10)) {
            return "TLSv1.0";
        }
        if (version.equals(ProtocolVersion.TLSv11)) {
            return "TLSv1.1";
        }
        if (version.equals(ProtocolVersion.TLSv12)) {
            return "TLSv1.2";
        }
        if (version.equals(ProtocolVersion.TLSv13)) {
            return "TLSv1.3";
        }
        return version.toString();
    }
}
