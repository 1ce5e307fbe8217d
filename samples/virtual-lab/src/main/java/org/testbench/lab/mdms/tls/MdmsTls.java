package org.testbench.lab.mdms.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS for the simulated MDMS: the profile, the server's credentials, the PEM file of the CA a client should
 * trust (written by {@link #create}), and which client certificates it asks for (mutual TLS): the trust, the PEM
 * file of the trusted client CAs, and the bench identity the lab issued when the CA is its own.
 */
public record MdmsTls(MdmsTlsProfile profile, ServerCredentials credentials, Path caFile, ClientTrust clientTrust,
        Optional<Path> clientCaFile, Optional<Path> benchIdentity) {

    /** The file name of the lab CA's certificate in the lab's work directory. */
    public static final String CA_FILE = "mdms-tls-ca.pem";

    public MdmsTls {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(clientTrust, "clientTrust");
        Objects.requireNonNull(clientCaFile, "clientCaFile");
        Objects.requireNonNull(benchIdentity, "benchIdentity");
    }

    /** Server authentication only: no client certificate is asked for. */
    public MdmsTls(MdmsTlsProfile profile, ServerCredentials credentials, Path caFile) {
        this(profile, credentials, caFile, ClientTrust.none(), Optional.empty(), Optional.empty());
    }

    /** A fresh CA and server certificate for the profile; the CA goes to {@code directory/mdms-tls-ca.pem}. */
    public static MdmsTls create(MdmsTlsProfile profile, Path directory) throws IOException {
        LabCertificates pki = LabCertificates.newCa();
        Path caFile = directory.resolve(CA_FILE);
        pki.writeCa(caFile);
        return new MdmsTls(profile, pki.issue(profile.certificate()), caFile);
    }

    /**
     * The same server, asking for client certificates from the CAs of a PEM file (e.g. {@code testbench pki
     * init}'s {@code ca.pem}).
     *
     * @throws IOException naming the file when it holds no CA certificate
     */
    public MdmsTls requiringClientsOf(MdmsClientAuth mode, Path clientCaPem) throws IOException {
        return new MdmsTls(profile, credentials, caFile, new ClientTrust(mode, ClientTrust.readPem(clientCaPem)),
                Optional.of(clientCaPem), Optional.empty());
    }

    /**
     * The same server, asking for client certificates from the lab's own client CA, which it creates in the
     * directory with a bench identity protected by the password ({@link ClientPki}).
     */
    public MdmsTls requiringLabClients(MdmsClientAuth mode, Path directory, char[] identityPassword)
            throws IOException {
        ClientPki pki = ClientPki.create(directory, "Testbench virtual lab", identityPassword);
        return new MdmsTls(profile, credentials, caFile, new ClientTrust(mode, List.of(pki.ca())),
                Optional.of(pki.caFile()), Optional.of(pki.identityFile()));
    }
}
