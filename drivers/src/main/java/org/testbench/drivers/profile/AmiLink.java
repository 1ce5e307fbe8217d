package org.testbench.drivers.profile;

import java.util.Objects;
import org.testbench.drivers.dlms.DlmsFraming;

/** How DLMS travels on a meter type's AMI port (TCP): the wrapper of IEC 62056-47, or HDLC frames. */
public record AmiLink(DlmsFraming framing) {

    public static final AmiLink WRAPPER = new AmiLink(DlmsFraming.WRAPPER);

    public AmiLink {
        Objects.requireNonNull(framing, "framing");
    }
}
