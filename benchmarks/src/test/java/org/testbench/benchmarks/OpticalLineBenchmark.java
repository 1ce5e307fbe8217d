package org.testbench.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSClient;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.Security;
import gurux.dlms.objects.GXDLMSClock;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSRegister;
import gurux.dlms.secure.GXDLMSSecureClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.ClientAuthentication;
import org.testbench.lab.meter.MeterClient;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.ReadScope;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.optical.OpticalPacing;
import org.testbench.lab.port.LineRecord;

/**
 * The optical standard read (nameplate, clock, energy registers, relay state) of every built-in meter type on
 * a line paced like a real 9600-baud head: the time per meter against the line-time bound of the same run
 * (bytes x 10 / baud over everything the line carried, plus the standard's reaction times), and the round
 * trips a get-with-list saves against one GET per attribute. Figures, not assertions.
 * Run with {@code mvn -pl benchmarks -am test -Pbenchmarks -Dtest=OpticalLineBenchmark}.
 */
@Tag("benchmark")
class OpticalLineBenchmark {

    private static final char[] PASSWORD = "benchmark".toCharArray();
    private static final int ROUNDS = 3;
    private static final int VALUE = 2;
    private static final byte[] CLIENT_TITLE = "BENCH001".getBytes(StandardCharsets.US_ASCII);

    @Test
    void standardReadPerMeterTypeAgainstTheLineBound() throws Exception {
        List<MeterType> types = MeterType.builtIn();
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(types.size()).meterTypes(types)
                .keystorePassword(PASSWORD).opticalPty(false).benchPty(false)
                .opticalPacing(OpticalPacing.LINE).build())) {
            System.out.printf("Optical standard read on a paced line (%d rounds per type)%n", ROUNDS);
            System.out.printf("%-18s %10s %10s %7s %12s %12s %9s%n", "type", "time ms", "bound ms", "ratio",
                    "single GETs", "list GETs", "saved");
            for (VirtualMeter meter : lab.meters()) {
                double time = 0;
                double bound = 0;
                int singles = 0;
                int lists = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    meter.opticalLine().clear();
                    long start = System.nanoTime();
                    int requests = standardRead(lab, meter, false);
                    time += (System.nanoTime() - start) / 1e6;
                    bound += lineBoundMillis(meter);
                    singles = requests;
                    lists = standardRead(lab, meter, true);
                }
                System.out.printf(Locale.ROOT, "%-18s %10.0f %10.0f %7.3f %12d %12d %9d%n", meter.type(),
                        time / ROUNDS, bound / ROUNDS, time / bound, singles, lists, singles - lists);
            }
        }
    }

    /** Line time of every byte the meter's optical line carried, plus the reaction time of each sign-on. */
    static double lineBoundMillis(VirtualMeter meter) {
        double millis = 0;
        List<LineRecord.Transmission> line = meter.opticalLine().transmissions();
        for (LineRecord.Transmission t : line) {
            millis += t.length() * 10.0 * 1000 / t.baud();
            if (t.direction() == LineRecord.Direction.SENT && (t.bytes()[0] & 0x7F) == '/') {
                millis += Character.isLowerCase(meter.type().manufacturerFlag().charAt(2)) ? 20 : 200;
            }
        }
        return millis;
    }

    /** Signs on (mode E) or not (direct HDLC), associates as the type's reader, reads, releases: the requests. */
    private static int standardRead(VirtualLab lab, VirtualMeter meter, boolean withList) throws Exception {
        MeterType type = meter.type();
        try (Socket socket = new Socket("127.0.0.1", port(meter.opticalEndpoint()))) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (type.opticalMode() == MeterType.OpticalMode.MODE_E) {
                out.write(parity("/?!\r\n"));
                String identification = readLine(in);
                out.write(parity("\u00062" + identification.charAt(4) + "2\r\n"));
            }
            GXDLMSSecureClient client = readerClient(lab, meter);
            Exchanger exchanger = new Exchanger(client, in, out);
            exchanger.exchange(client.snrmRequest());
            client.parseUAResponse(exchanger.lastReply.getData().array());
            GXReplyData reply = null;
            for (byte[] request : client.aarqRequest()) {
                reply = exchanger.exchange(request);
            }
            client.parseAareResponse(reply.getData());
            if (client.getIsAuthenticationRequired()) {
                for (byte[] request : client.getApplicationAssociationRequest()) {
                    reply = exchanger.exchange(request);
                }
                client.parseApplicationAssociationResponse(reply.getData());
            }
            // The type's import registers: the total, or each tariff of a meter that keeps import only per tariff.
            List<GXDLMSRegister> energyImport = new ArrayList<>();
            for (String obis : type.energy().tariffsOnly() ? type.energy().importTariffs() : List.of("1.0.1.8.0.255")) {
                GXDLMSRegister register = new GXDLMSRegister(obis);
                exchanger.read(register, 3);
                energyImport.add(register);
            }
            List<Map.Entry<GXDLMSObject, Integer>> reads = new ArrayList<>();
            type.serialObis().ifPresent(serial -> reads.add(Map.entry(new GXDLMSData(serial), VALUE)));
            reads.add(Map.entry(new GXDLMSData("0.0.42.0.0.255"), VALUE));
            reads.add(Map.entry(new GXDLMSData("1.0.0.2.0.255"), VALUE));
            reads.add(Map.entry(new GXDLMSClock("0.0.1.0.0.255"), VALUE));
            energyImport.forEach(register -> reads.add(Map.entry(register, VALUE)));
            if (type.hasExportRegister()) {
                reads.add(Map.entry(new GXDLMSRegister("1.0.2.8.0.255"), VALUE));
            }
            if (type.hasDisconnectControl()) {
                reads.add(Map.entry(new GXDLMSDisconnectControl("0.0.96.3.10.255"), VALUE));
            }
            if (withList) {
                for (byte[] request : client.readList(reads)) {
                    exchanger.exchange(request);
                }
            } else {
                for (Map.Entry<GXDLMSObject, Integer> read : reads) {
                    exchanger.read(read.getKey(), read.getValue());
                }
            }
            for (byte[] request : client.releaseRequest()) {
                exchanger.exchange(request);
            }
            exchanger.exchange(client.disconnectRequest());
            return exchanger.requests;
        }
    }

    private static GXDLMSSecureClient readerClient(VirtualLab lab, VirtualMeter meter) throws Exception {
        MeterType type = meter.type();
        MeterClient reader = type.clients().stream().filter(c -> !c.management() && c.reads() == ReadScope.ALL)
                .findFirst().orElse(type.managementClient());
        int server = meter.hdlcServerAddress();
        GXDLMSSecureClient client;
        if (reader.authentication() == ClientAuthentication.HLS_GMAC) {
            client = new GXDLMSSecureClient(true, reader.address(), server, Authentication.HIGH_GMAC, null,
                    InterfaceType.HDLC);
            client.getCiphering().setSecurity(Security.AUTHENTICATION_ENCRYPTION);
            client.getCiphering().setSystemTitle(CLIENT_TITLE);
            client.getCiphering().setBlockCipherKey(secret(lab, meter.serial() + ".ek"));
            client.getCiphering().setAuthenticationKey(secret(lab, meter.serial() + ".ak"));
            client.getCiphering().setInvocationCounter(meter.lastAcceptedInvocationCounter() + 1);
            client.getProposedConformance().remove(Conformance.GENERAL_PROTECTION);
        } else if (reader.authentication().usesHlsSecret()) {
            Authentication mechanism = switch (reader.authentication()) {
                case HLS_MD5 -> Authentication.HIGH_MD5;
                case HLS_SHA1 -> Authentication.HIGH_SHA1;
                default -> Authentication.HIGH_SHA256;
            };
            client = new GXDLMSSecureClient(true, reader.address(), server, mechanism, null, InterfaceType.HDLC);
            client.setPassword(secret(lab, meter.serial() + ".hls"));
            client.getCiphering().setSystemTitle(CLIENT_TITLE);
        } else if (reader.authentication() == ClientAuthentication.LOW) {
            client = new GXDLMSSecureClient(true, reader.address(), server, Authentication.LOW, null,
                    InterfaceType.HDLC);
            client.setPassword(secret(lab, meter.serial() + ".lls"));
        } else {
            client = new GXDLMSSecureClient(true, reader.address(), server, Authentication.NONE, null,
                    InterfaceType.HDLC);
        }
        return client;
    }

    private static byte[] secret(VirtualLab lab, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(lab.keystore())) {
            store.load(in, PASSWORD);
        }
        return store.getKey(alias, PASSWORD).getEncoded();
    }

    /** One request, its whole answer (block transfer included); counts the round trips. */
    private static final class Exchanger {
        private final GXDLMSSecureClient client;
        private final InputStream in;
        private final OutputStream out;
        private GXReplyData lastReply;
        private int requests;

        Exchanger(GXDLMSSecureClient client, InputStream in, OutputStream out) {
            this.client = client;
            this.in = in;
            this.out = out;
        }

        void read(GXDLMSObject object, int attribute) throws Exception {
            GXReplyData reply = null;
            for (byte[] request : client.read(object, attribute)) {
                reply = exchange(request);
            }
            client.updateValue(object, attribute, reply.getValue());
        }

        GXReplyData exchange(byte[] request) throws Exception {
            GXReplyData reply = new GXReplyData();
            send(request, reply);
            while (reply.isMoreData()) {
                send(client.receiverReady(reply), reply);
            }
            lastReply = reply;
            return reply;
        }

        private void send(byte[] request, GXReplyData reply) throws Exception {
            requests++;
            out.write(request);
            GXByteBuffer received = new GXByteBuffer();
            while (!client.getData(received, reply, null)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the meter closed the line");
                }
                received.setUInt8(b);
            }
        }
    }

    private static byte[] parity(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (Integer.bitCount(bytes[i]) % 2 == 0 ? bytes[i] : bytes[i] | 0x80);
        }
        return bytes;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && (b & 0x7F) != '\n') {
            line.append((char) (b & 0x7F));
        }
        return line.toString();
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }
}
