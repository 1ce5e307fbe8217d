package org.testbench.lab.meter;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A kind of meter the lab can mount: how it is addressed, which clients it knows and how they
 * authenticate, where it keeps its objects, how its optical port starts and how its disconnector
 * reconnects. The built-in types differ in exactly the points in which real makes differ.
 *
 * <p>Each type has a meter profile ({@code samples/meters/NAME.yaml}, packaged at {@link #profileResource()})
 * that describes it to the bench the way a lab engineer would; the simulator does not read it.
 */
public final class MeterType {

    /** How the optical port starts. */
    public enum OpticalMode {
        /** IEC 62056-21 sign-on at 300 Bd 7E1, then mode E (HDLC) at the negotiated baud. */
        MODE_E,
        /** HDLC from the first byte at a fixed baud, without sign-on. */
        DIRECT_HDLC
    }

    /** Where the lab packages the profiles, one per type: {@code <this>/<name>.yaml}. */
    public static final String PROFILE_RESOURCE_DIRECTORY = "org/testbench/lab/meters";

    public static final String SERIAL_OBIS = "0.0.96.1.0.255";
    public static final String SERIAL_OBIS_ALTERNATIVE = "0.0.96.1.1.255";

    /** The lab's first meter, unchanged: public client 16 reads everything, management 1 with HLS-GMAC. */
    public static final MeterType TESTBENCH_VIRTUAL = new MeterType("testbench-virtual",
            "Testbench Lab EM3 (firmware 1.4-1.5)", "TBL", "EM3", "2600", "EM300",
            new String[] {"1.4.2", "1.4.3", "1.5.0"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.NONE,
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ALL), MeterClient.management(1)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_4, Set.of());

    /** The public client sees its association only; the reader is client 32 with a password (LLS). */
    public static final MeterType LLS_READER = new MeterType("lls-reader",
            "Testbench Lab LR2 (firmware 2.x), LLS reader", "TBR", "LR2", "3100", "LR200",
            new String[] {"2.0.1", "2.1.0"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ASSOCIATION),
                    MeterClient.reader(32, ClientAuthentication.LOW, ReadScope.ALL), MeterClient.management(1)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_4, Set.of());

    /** Energy and disconnect control only through the management association (HLS-GMAC). */
    public static final MeterType HLS_ONLY = new MeterType("hls-only",
            "Testbench Lab HS5 (firmware 5.x), HLS only", "TBH", "HS5", "3200", "HS500",
            new String[] {"5.2.0"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.IDENTITY), MeterClient.management(1)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_4, Set.of());

    /** Serial in 0.0.96.1.1.255, no export register, no disconnect control. */
    public static final MeterType ALT_OBIS = new MeterType("alt-obis",
            "Testbench Lab AO1 (firmware 3.x), import-only, no disconnector", "TBO", "AO1", "3300", "AO100",
            new String[] {"3.0.7"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ALL), MeterClient.management(1)),
            SERIAL_OBIS_ALTERNATIVE, false, false, DisconnectControlMode.MODE_0, Set.of());

    /** HDLC on the optical port from the first byte at 9600 Bd; physical address from the serial. */
    public static final MeterType DIRECT_HDLC = new MeterType("direct-hdlc",
            "Testbench Lab DH4 (firmware 4.x), direct HDLC optical", "TBD", "DH4", "3400", "DH400",
            new String[] {"4.1.0", "4.1.1"}, OpticalMode.DIRECT_HDLC, 9600, 1, HdlcPhysicalAddress.FROM_SERIAL,
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ALL), MeterClient.management(1)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_4, Set.of());

    /**
     * Disconnect control mode 1: remote_reconnect only arms the relay (ready_for_reconnection); the
     * meter's button closes it. Reaction time 20 ms (lower-case third FLAG letter).
     */
    public static final MeterType MANUAL_RECONNECT = new MeterType("manual-reconnect",
            "Testbench Lab MR6 (firmware 6.x), manual reconnection", "TBm", "MR6", "3500", "MR600",
            new String[] {"6.0.3"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ALL), MeterClient.management(1)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_1, Set.of());

    /**
     * A deliberately weak meter: processes an HDLC frame with a bad FCS, falls silent on the link after an
     * over-long information field, and accepts the first wrong LLS password of its reader (client 32). The
     * bench's link and association tests must report exactly these weaknesses.
     */
    public static final MeterType WEAK_LINK = new MeterType("weak-link",
            "Testbench Lab WL7 (firmware 7.x), weak link layer", "TBW", "WL7", "3700", "WL700",
            new String[] {"7.0.1"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ALL),
                    MeterClient.reader(32, ClientAuthentication.LOW, ReadScope.ALL), MeterClient.management(1)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_4, EnumSet.allOf(LinkWeakness.class));

    /**
     * The public client sees the nameplate only; registers are read by client 48 with HLS-SHA256 (mechanism 6,
     * the meter's HLS secret, no ciphering). Two legacy readers answer HLS-MD5 (49) and HLS-SHA1 (50) with the same
     * secret, as older firmware in the field still does.
     */
    public static final MeterType HLS_SHA256 = new MeterType("hls-sha256",
            "Testbench Lab HS6 (firmware 6.x), HLS-SHA256 reader", "TBS", "HS6", "3800", "HS600",
            new String[] {"6.2.1", "6.3.0"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.IDENTITY),
                    MeterClient.reader(48, ClientAuthentication.HLS_SHA256, ReadScope.ALL),
                    MeterClient.reader(49, ClientAuthentication.HLS_MD5, ReadScope.ALL),
                    MeterClient.reader(50, ClientAuthentication.HLS_SHA1, ReadScope.ALL), MeterClient.management(1)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_4, Set.of());

    /**
     * A meter that differs from the others where real fleets differ beyond clients and OBIS maps: logical device 17
     * (not the management logical device 1), management client 3, energy in extended registers (class 4) of
     * measurement channel 1 (1.1.1.8.0.255, 1.1.2.8.0.255) as long64-unsigned in 0.01 Wh, and a clock kept in
     * local time of a zone with daylight saving time (Australia/Sydney: deviation -600 or -660 with the DST flag).
     */
    public static final MeterType EXT_REGISTER = new MeterType("ext-register",
            "Testbench Lab XR8 (firmware 8.x), extended registers on channel 1, logical device 17", "TBX", "XR8",
            "3900", "XR800", new String[] {"8.0.2", "8.1.0"}, OpticalMode.MODE_E, 9600, 17,
            HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ALL), MeterClient.management(3)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_4, Set.of())
            .withEnergy(new EnergyRegisters("1.1.1.8.0.255", "1.1.2.8.0.255", true,
                    EnergyRegisters.ValueType.LONG64_UNSIGNED, -2))
            .withClockZone(ZoneId.of("Australia/Sydney"));

    /**
     * Active energy in kWh: registers (class 3) at the standard codes whose value is a float64 with scaler 3
     * (12.345678 kWh), the way meters that report engineering values do.
     */
    public static final MeterType FLOAT_KWH = new MeterType("float-kwh",
            "Testbench Lab FK9 (firmware 9.x), float64 energy in kWh", "TBF", "FK9", "4000", "FK900",
            new String[] {"9.3.1"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ALL), MeterClient.management(1)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_4, Set.of())
            .withEnergy(new EnergyRegisters("1.0.1.8.0.255", "1.0.2.8.0.255", false,
                    EnergyRegisters.ValueType.FLOAT64, 3));

    /**
     * No device ID object: the serial is only in the COSEM logical device name (0.0.42.0.0.255), after the
     * manufacturer's FLAG id ({@code TBN41000001}), as IEC 62056-6-2 allows and many meters in the field do.
     */
    public static final MeterType LDN_SERIAL = new MeterType("ldn-serial",
            "Testbench Lab LN2 (firmware 2.x), serial only in the logical device name", "TBN", "LN2", "4100", "",
            new String[] {"2.4.0"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ALL), MeterClient.management(1)),
            null, true, true, DisconnectControlMode.MODE_4, Set.of());

    /**
     * No total import register (1.0.1.8.0.255): import energy is kept only per tariff, in 1.0.1.8.1.255 and
     * 1.0.1.8.2.255 (registers, double-long-unsigned in Wh), as many two-rate meters do; the MDMS computes the total.
     */
    public static final MeterType TARIFF_ONLY = new MeterType("tariff-only",
            "Testbench Lab TR2 (firmware 3.x), import energy only per tariff", "TBT", "TR2", "4200", "TR200",
            new String[] {"3.1.4"}, OpticalMode.MODE_E, 9600, 1, HdlcPhysicalAddress.fixed(17),
            List.of(MeterClient.reader(16, ClientAuthentication.NONE, ReadScope.ALL), MeterClient.management(1)),
            SERIAL_OBIS, true, true, DisconnectControlMode.MODE_4, Set.of())
            .withEnergy(new EnergyRegisters("1.0.1.8.0.255", "1.0.2.8.0.255", false,
                    EnergyRegisters.ValueType.DOUBLE_LONG_UNSIGNED, 0, List.of("1.0.1.8.1.255", "1.0.1.8.2.255")));

    private static final List<MeterType> BUILT_IN = List.of(TESTBENCH_VIRTUAL, LLS_READER, HLS_ONLY, ALT_OBIS,
            DIRECT_HDLC, MANUAL_RECONNECT, WEAK_LINK, HLS_SHA256, EXT_REGISTER, FLOAT_KWH, LDN_SERIAL, TARIFF_ONLY);

    private final String name;
    private final String description;
    private final String manufacturerFlag;
    private final String model;
    private final String serialPrefix;
    private final String deviceTypeCode;
    private final String[] firmwareVersions;
    private final OpticalMode opticalMode;
    private final int opticalBaud;
    private final int logicalAddress;
    private final HdlcPhysicalAddress physicalAddress;
    private final List<MeterClient> clients;
    private final String serialObis;
    private final boolean exportRegister;
    private final boolean disconnectControl;
    private final DisconnectControlMode controlMode;
    private final Set<LinkWeakness> weaknesses;
    private EnergyRegisters energy = EnergyRegisters.STANDARD;
    /** Null: the lab's own time zone. */
    private ZoneId clockZone;

    private MeterType(String name, String description, String manufacturerFlag, String model, String serialPrefix,
            String deviceTypeCode, String[] firmwareVersions, OpticalMode opticalMode, int opticalBaud,
            int logicalAddress, HdlcPhysicalAddress physicalAddress, List<MeterClient> clients, String serialObis,
            boolean exportRegister, boolean disconnectControl, DisconnectControlMode controlMode,
            Set<LinkWeakness> weaknesses) {
        this.name = name;
        this.description = description;
        this.manufacturerFlag = manufacturerFlag;
        this.model = model;
        this.serialPrefix = serialPrefix;
        this.deviceTypeCode = deviceTypeCode;
        this.firmwareVersions = firmwareVersions.clone();
        this.opticalMode = opticalMode;
        this.opticalBaud = opticalBaud;
        this.logicalAddress = logicalAddress;
        this.physicalAddress = physicalAddress;
        this.clients = List.copyOf(clients);
        this.serialObis = serialObis;
        this.exportRegister = exportRegister;
        this.disconnectControl = disconnectControl;
        this.controlMode = controlMode;
        this.weaknesses = Set.copyOf(weaknesses);
        if (clients.stream().filter(MeterClient::management).count() != 1) {
            throw new IllegalArgumentException(name + ": a meter type has exactly one management client");
        }
    }

    private MeterType withEnergy(EnergyRegisters registers) {
        this.energy = Objects.requireNonNull(registers, "registers");
        return this;
    }

    private MeterType withClockZone(ZoneId zone) {
        this.clockZone = Objects.requireNonNull(zone, "zone");
        return this;
    }

    /** Every type the lab can mount, the default first. */
    public static List<MeterType> builtIn() {
        return BUILT_IN;
    }

    /** The built-in type with this name (case-insensitive). */
    public static MeterType named(String name) {
        String wanted = Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT);
        return BUILT_IN.stream().filter(type -> type.name.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown meter type '" + name + "'; built-in types: "
                        + BUILT_IN.stream().map(MeterType::name).collect(Collectors.joining(", "))));
    }

    /** Parses {@code T1,T2,...}; blanks around names are ignored, an empty entry is an error. */
    public static List<MeterType> parseList(String names) {
        String[] parts = Objects.requireNonNull(names, "names").split(",", -1);
        if (Arrays.stream(parts).anyMatch(part -> part.isBlank())) {
            throw new IllegalArgumentException("meter types must be names separated by commas, was '" + names + "'");
        }
        return Arrays.stream(parts).map(MeterType::named).toList();
    }

    /** The type's name, e.g. {@code lls-reader}: the profile's file name without {@code .yaml}. */
    public String name() {
        return name;
    }

    /** The profile's informative {@code meter:} line: maker, type, firmware range. */
    public String description() {
        return description;
    }

    /** Classpath location of this type's meter profile. */
    public String profileResource() {
        return PROFILE_RESOURCE_DIRECTORY + "/" + name + ".yaml";
    }

    public String manufacturerFlag() {
        return manufacturerFlag;
    }

    public String model() {
        return model;
    }

    String serialPrefix() {
        return serialPrefix;
    }

    String deviceTypeCode() {
        return deviceTypeCode;
    }

    String firmwareVersion(int position) {
        return firmwareVersions[(position - 1) % firmwareVersions.length];
    }

    public OpticalMode opticalMode() {
        return opticalMode;
    }

    /** The optical port's HDLC baud: proposed (maximum) in mode E, fixed in direct HDLC. */
    public int opticalBaud() {
        return opticalBaud;
    }

    /** The server's logical device (upper HDLC address, wrapper port). */
    public int logicalAddress() {
        return logicalAddress;
    }

    public HdlcPhysicalAddress physicalAddress() {
        return physicalAddress;
    }

    /** The HDLC server address of the meter with this serial, as the address field carries it. */
    public int hdlcServerAddress(String serial) {
        return HdlcPhysicalAddress.serverAddress(logicalAddress, physicalAddress.of(serial));
    }

    public List<MeterClient> clients() {
        return clients;
    }

    public Optional<MeterClient> client(int address) {
        return clients.stream().filter(client -> client.address() == address).findFirst();
    }

    public MeterClient managementClient() {
        return clients.stream().filter(MeterClient::management).findFirst().orElseThrow();
    }

    /** True if a client of this type authenticates with a password, kept in the keystore as {@code <serial>.lls}. */
    public boolean usesLowLevelSecurity() {
        return clients.stream().anyMatch(client -> client.authentication() == ClientAuthentication.LOW);
    }

    /** True if a client of this type hashes with an HLS secret, kept in the keystore as {@code <serial>.hls}. */
    public boolean usesHlsSecret() {
        return clients.stream().anyMatch(client -> client.authentication().usesHlsSecret());
    }

    /**
     * Where the serial number is (device ID 1 or device ID 2); empty when the type keeps it only in the logical
     * device name.
     */
    public Optional<String> serialObis() {
        return Optional.ofNullable(serialObis);
    }

    /** Where and how the type keeps active energy. */
    public EnergyRegisters energy() {
        return energy;
    }

    /** The zone whose local time the meter's clock keeps (time zone, deviation, DST status). */
    public ZoneId clockZone() {
        return clockZone == null ? ZoneId.systemDefault() : clockZone;
    }

    /** False: the meter has no active energy export register ({@link EnergyRegisters#exportObis()}). */
    public boolean hasExportRegister() {
        return exportRegister;
    }

    /** False: the meter has no disconnect control object (0.0.96.3.10.255) and no relay. */
    public boolean hasDisconnectControl() {
        return disconnectControl;
    }

    public DisconnectControlMode controlMode() {
        return controlMode;
    }

    /** How this type mishandles the link or the association; empty for a strict type. */
    public Set<LinkWeakness> weaknesses() {
        return weaknesses;
    }

    public boolean has(LinkWeakness weakness) {
        return weaknesses.contains(weakness);
    }

    @Override
    public String toString() {
        return name;
    }
}
