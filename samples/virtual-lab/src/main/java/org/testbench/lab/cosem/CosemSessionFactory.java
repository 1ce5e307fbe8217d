package org.testbench.lab.cosem;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.testbench.lab.keys.ClientSecrets;
import org.testbench.lab.keys.LlsPassword;

import org.testbench.lab.keys.MeterKeys;
import org.testbench.lab.meter.MeterState;
import org.testbench.lab.port.DlmsSession;
import org.testbench.lab.port.DlmsSessionFactory;
import org.testbench.lab.port.Framing;

/** Opens a DLMS session with a fresh Gurux server for every connection to one meter. */
public final class CosemSessionFactory implements DlmsSessionFactory {

    private final MeterState state;
    private final MeterKeys keys;
    private final ClientSecrets secrets;
    private final SecurityGate gate;
    /** A weak meter accepts one wrong LLS password after power-up, whichever port it came through. */
    private final AtomicBoolean wrongPasswordTaken = new AtomicBoolean();
    private volatile int amiPort;

    public CosemSessionFactory(MeterState state, MeterKeys keys) {
        this(state, keys, Optional.empty());
    }

    /** @param llsPassword the password of the meter's LLS reader, for a type that has one */
    public CosemSessionFactory(MeterState state, MeterKeys keys, Optional<LlsPassword> llsPassword) {
        this(state, keys, new ClientSecrets(llsPassword, Optional.empty()));
    }

    /** @param secrets the LLS password and HLS secret of the meter's reading clients, for a type that has them */
    public CosemSessionFactory(MeterState state, MeterKeys keys, ClientSecrets secrets) {
        this.state = Objects.requireNonNull(state, "state");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.gate = new SecurityGate(state, keys);
    }

    /** The AMI port's TCP port, shown by the TCP-UDP setup object. */
    public void setAmiPort(int port) {
        this.amiPort = port;
    }

    @Override
    public DlmsSession open(Framing framing, String connectionName) {
        CosemObjectModel objects = new CosemObjectModel(state.identity(), keys, secrets);
        Optional<LlsPassword> llsPassword = secrets.llsPassword();
        switch (framing) {
            case HDLC:
                return new HdlcCosemSession(state, gate, MeterCosemServer.forHdlc(objects, state, llsPassword,
                        connectionName).sharingWrongPasswordRecord(wrongPasswordTaken), connectionName);
            case WRAPPER:
                return new WrapperCosemSession(state, gate,
                        MeterCosemServer.forWrapper(objects, state, llsPassword, amiPort, connectionName)
                                .sharingWrongPasswordRecord(wrongPasswordTaken), connectionName);
            default:
                throw new IllegalArgumentException("unsupported framing " + framing);
        }
    }
}
