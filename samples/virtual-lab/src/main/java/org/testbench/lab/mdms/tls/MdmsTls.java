package org.testbench.lab.mdms.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * HTTPS for the simulated MDMS: the profile, the server's credentials, and the PEM file of the CA a
 * client should trust (written by {@link #create}).
 */
public record MdmsTls(MdmsTlsProfile profile, ServerCredentials credentials, Path caFile) {

    /** The file name of the lab CA's certificate in the lab's work directory. */
    public static final String CA_FILE = "mdms-tls-ca.pem";

    public MdmsTls {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(caFile, "caFile");
    }

    /** A fresh CA and server certificate for the profile; the CA goes to {@code directory/mdms-tls-ca.pem}. */
    public static MdmsTls create(MdmsTlsProfile profile, Path directory) throws IOException {
        LabCertificates pki = LabCertificates.newCa();
        Path caFile = directory.resolve(CA_FILE);
        pki.writeCa(caFile);
        return new MdmsTls(profile, pki.issue(profile.certificate()), caFile);
    }
}
