package org.testbench.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.testbench.lab.events.BrokerEndpoint;
import org.testbench.lab.keys.EventSigningKey;

import org.testbench.lab.keys.MeterKeys;
import org.testbench.lab.mdms.MdmsMeter;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.VirtualMdms;
import org.testbench.lab.mdms.tls.MdmsClientAuth;
import org.testbench.lab.mdms.tls.MdmsTls;
import org.testbench.lab.meter.MeterIdentity;
import org.testbench.lab.meter.ClientAuthentication;
import org.testbench.lab.meter.ReadScope;
import org.testbench.lab.meter.VirtualMeter;

/**
 * Starts the lab's MDMS with the meters it manages: their nameplate data as installation records,
 * their AMI endpoints, and their keys (in memory, as the MDMS's key store).
 */
final class MdmsAssembly {

    /** The lab's meters are EM300 devices: three-phase electricity meters. */
    private static final String METER_TYPE = "ELECTRICITY_3PH";

    private MdmsAssembly() {
    }

    static VirtualMdms start(LabConfig config, List<VirtualMeter> meters, List<MeterKeys> keys, Path workDir,
            Optional<BrokerEndpoint> broker, Map<String, EventSigningKey> eventKeys) throws IOException {
        List<MdmsMeter> managed = new ArrayList<>();
        for (VirtualMeter meter : meters) {
            String endpoint = meter.amiEndpoint();
            int colon = endpoint.lastIndexOf(':');
            String host = endpoint.substring(endpoint.indexOf(':') + 1, colon);
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            managed.add(new MdmsMeter(meter.serial(), meter.manufacturerFlag(), meter.model(), meter.firmware(),
                    METER_TYPE, host, port, keys.get(meter.position() - 1),
                    meter.type().clients().stream().anyMatch(client -> !client.management()
                            && client.authentication() == ClientAuthentication.NONE
                            && client.reads() == ReadScope.ALL),
                    meter.type().logicalAddress(), meter.type().managementClient().address()));
        }
        MdmsSettings settings = new MdmsSettings(config.mdmsFaults(), config.mdmsLatency(), config.mdmsTimeScale(),
                config.mdmsToken(), config.mdmsDialect(), MdmsSettings.DEFAULT_TOKEN_LIFETIME);
        Optional<MdmsTls> tls = config.mdmsTls().isPresent()
                ? Optional.of(clientAuthentication(MdmsTls.create(config.mdmsTls().get(), workDir), config, workDir))
                : Optional.empty();
        return VirtualMdms.start(settings, managed, tls, broker, eventKeys);
    }

    /** Mutual TLS: the CAs given, or the lab's own client CA and a bench identity under the keystore password. */
    private static MdmsTls clientAuthentication(MdmsTls tls, LabConfig config, Path workDir) throws IOException {
        MdmsClientAuth mode = config.mdmsClientAuth();
        if (!mode.asks()) {
            return tls;
        }
        if (config.mdmsClientCa().isPresent()) {
            return tls.requiringClientsOf(mode, config.mdmsClientCa().get());
        }
        char[] password = config.keystorePassword();
        try {
            return tls.requiringLabClients(mode, workDir, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
