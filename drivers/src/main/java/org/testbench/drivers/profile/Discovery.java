package org.testbench.drivers.profile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.ListedObject;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.ObjectKind;
import org.testbench.drivers.dlms.ObjectReading;
import org.testbench.drivers.dlms.StandardObis;
import org.testbench.drivers.profile.Clients.ClientJob;

/**
 * Suggests a meter profile from what a meter shows one association: its object list. For each object the
 * bench needs, picks the standard OBIS code when the meter has it, else the closest alternative the
 * standard allows (device ID 2 for the serial, another tariff or channel for the energy registers, ...),
 * then reads every choice through the same client to tell what it can read. Every choice comes with why.
 */
public final class Discovery {

    /**
     * @param objects   the association's object list
     * @param suggested a profile for the meter type
     * @param why       by profile key ({@code objects.serial}, {@code clients.reader}, ...): the reason for each choice
     */
    public record Result(List<ListedObject> objects, MeterProfile suggested, Map<String, String> why) {
        public Result {
            objects = List.copyOf(objects);
            why = Map.copyOf(why);
        }
    }

    private static final int DATA = 1;
    private static final int REGISTER = 3;
    private static final int EXTENDED_REGISTER = 4;
    private static final int PROFILE_GENERIC = 7;
    private static final int CLOCK = 8;
    private static final int DISCONNECT_CONTROL = 70;
    /** The highest tariff rate value group E holds for energy registers (IEC 62056-6-1: 1 … 63). */
    private static final int MAX_TARIFF = 63;

    private Discovery() {
    }

    /**
     * Associates as {@code base}'s reader client (credentials as {@link ProfiledMeter} finds them), reads the
     * object list and suggests a profile with the same links, addresses and clients and the objects found.
     */
    public static Result discover(ProfiledMeter meter) throws IOException {
        MeterProfile base = meter.profile();
        List<ListedObject> listed;
        Map<MeterObject, Optional<ObjectLocation>> chosen = new EnumMap<>(MeterObject.class);
        Map<String, String> why = new LinkedHashMap<>();
        try (MeterSession session = meter.open(ClientJob.READER)) {
            listed = session.objectList();
            for (MeterObject o : MeterObject.values()) {
                Choice c = choose(o, listed);
                chosen.put(o, c.location);
                why.put("objects." + o.key(), c.why);
            }
            List<Obis> readable = new ArrayList<>();
            for (MeterObject o : List.of(MeterObject.SERIAL, MeterObject.LOGICAL_DEVICE_NAME, MeterObject.FIRMWARE,
                    MeterObject.CLOCK, MeterObject.ENERGY_IMPORT, MeterObject.ENERGY_EXPORT,
                    MeterObject.INVOCATION_COUNTER)) {
                // The class the meter lists, not the one the role usually has (energy may be an extended register).
                for (ObjectLocation at : chosen.get(o).map(ObjectLocation::reads).orElse(List.of())) {
                    session.declare(at.obis(), at.kind().orElse(o.kind()));
                    if (!readable.contains(at.obis())) {
                        readable.add(at.obis());
                    }
                }
            }
            List<ObjectReading> readings = readable.isEmpty() ? List.of() : session.readEach(readable);
            int ok = 0;
            for (ObjectReading r : readings) {
                for (MeterObject o : MeterObject.values()) {
                    for (ObjectLocation at : chosen.get(o).map(ObjectLocation::reads).orElse(List.of())) {
                        if (at.obis().equals(r.obis())) {
                            String key = "objects." + o.key();
                            String which = chosen.get(o).get().sum().isPresent() ? " " + at.obis() : " it";
                            why.put(key, why.get(key) + (r.isRead() ? "; this client reads" + which + reading(r, at)
                                    : "; this client cannot read" + which + ": " + r.reason()));
                        }
                    }
                }
                ok += r.isRead() ? 1 : 0;
            }
            DlmsClient reader = base.clients().reader();
            why.put("clients.reader", "the client discovery associated as (" + reader.describe() + "): it sees "
                    + listed.size() + " objects and read " + ok + " of the " + readings.size() + " values tried");
        }
        if (!why.containsKey("clients.management")) {
            why.put("clients.management", base.clients().management().isPresent()
                    ? "as given; not tried by discovery" : "none given: switching and security tests need one");
        }
        why.put("addresses", "as discovery connected");
        why.put("optical", "as discovery connected; check the meter's highest rate and timing");
        ObjectMap objects = new ObjectMap(chosen);
        MeterProfile suggested = new MeterProfile(base.meter(), base.optical(), base.ami(), base.addresses(),
                base.clients(), objects, "discovery");
        return new Result(listed, suggested, why);
    }

    private record Choice(Optional<ObjectLocation> location, String why) {
    }

    private static Choice choose(MeterObject object, List<ListedObject> listed) {
        Obis standard = MeterProfile.STANDARD_OBJECTS.find(object).orElseThrow();
        Optional<ListedObject> exact = listed.stream().filter(l -> l.obis().equals(standard)).findFirst();
        if (exact.isPresent()) {
            return new Choice(Optional.of(located(object, exact.get())), "the standard code, in the object list (class "
                    + exact.get().classId() + ")");
        }
        Optional<ListedObject> alternative = switch (object) {
            case SERIAL -> first(listed, l -> l.classId() == DATA && group(l, 0, 0, 96, 1) && l.obis().e() <= 9);
            case FIRMWARE -> first(listed, l -> l.classId() == DATA && l.obis().c() == 0 && l.obis().d() == 2);
            case CLOCK -> first(listed, l -> l.classId() == CLOCK);
            case ENERGY_IMPORT -> energy(listed, 1);
            case ENERGY_EXPORT -> energy(listed, 2);
            case DISCONNECT_CONTROL -> first(listed, l -> l.classId() == DISCONNECT_CONTROL);
            case INVOCATION_COUNTER -> first(listed, l -> l.classId() == DATA && group(l, 0, 0, 43, 1));
            case EVENT_LOG -> first(listed, l -> l.classId() == PROFILE_GENERIC && group(l, 0, 0, 99, 98));
            case LOGICAL_DEVICE_NAME -> Optional.empty();
        };
        if (alternative.isPresent()) {
            return new Choice(Optional.of(located(object, alternative.get())), "not at the standard " + standard
                    + "; the closest object in the list (class " + alternative.get().classId() + ")");
        }
        if (object.isEnergy()) {
            Optional<Choice> tariffs = tariffSum(object, listed, standard);
            if (tariffs.isPresent()) {
                return tariffs.get();
            }
        }
        if (object == MeterObject.SERIAL) {
            // No device ID at all: the logical device name carries the serial after the FLAG id (IEC 62056-6-2).
            Optional<ListedObject> name = first(listed, l -> l.classId() == DATA
                    && l.obis().equals(StandardObis.LOGICAL_DEVICE_NAME));
            if (name.isPresent()) {
                return new Choice(Optional.of(located(object, name.get()).withForm(ValueForm.LOGICAL_DEVICE_NAME)),
                        "no device ID (0.0.96.1.0..9.255) in the object list; the serial is the logical device name "
                        + "after its 3-letter FLAG id");
            }
        }
        return new Choice(Optional.empty(), "neither " + standard + " nor an alternative is in this client's "
                + "object list");
    }

    /** The listed object, with its class stated when it is not the one the role usually has. */
    private static ObjectLocation located(MeterObject object, ListedObject listed) {
        ObjectLocation at = ObjectLocation.at(listed.obis());
        Optional<ObjectKind> kind = ObjectKind.ofClassId(listed.classId());
        return kind.isPresent() && kind.get() != object.kind() && object.kinds().contains(kind.get())
                ? at.withKind(kind.get()) : at;
    }

    /** A register's value with its unit, scaler applied (12345.67 Wh): what the profile's role will read. */
    private static String reading(ObjectReading r, ObjectLocation at) {
        if (at.form() != ValueForm.WHOLE) {
            return r.value().map(v -> ": serial " + at.form().part(v.asText())).orElse("");
        }
        return r.value().flatMap(v -> v.unitSymbol().map(unit -> ": " + v.value() + " " + unit)).orElse("");
    }

    /** Electricity (A = 1), the quantity, cumulative (D = 8), the total (E = 0): channel 0 first. */
    private static Optional<ListedObject> energy(List<ListedObject> listed, int quantity) {
        return energyRegisters(listed, quantity).filter(l -> l.obis().e() == 0)
                .min(Comparator.comparingInt(l -> l.obis().b()));
    }

    private static java.util.stream.Stream<ListedObject> energyRegisters(List<ListedObject> listed, int quantity) {
        return listed.stream().filter(l -> (l.classId() == REGISTER || l.classId() == EXTENDED_REGISTER)
                && l.obis().a() == 1 && l.obis().c() == quantity && l.obis().d() == 8 && l.obis().f() == 255);
    }

    /**
     * No total register on any channel, but tariff registers (E = 1 … 63, IEC 62056-6-1): the role is the sum of
     * every tariff of the first channel that has any — one tariff alone would be a part of the energy, not all.
     * As the MDMS's code for the total it proposes the standard total code, what MDMSs commonly store a total
     * under; the comment asks the engineer to check it against the MDMS.
     */
    private static Optional<Choice> tariffSum(MeterObject object, List<ListedObject> listed, Obis standard) {
        int quantity = standard.c();
        List<ListedObject> tariffs = energyRegisters(listed, quantity).filter(l -> l.obis().e() >= 1
                && l.obis().e() <= MAX_TARIFF).toList();
        if (tariffs.isEmpty()) {
            return Optional.empty();
        }
        int channel = tariffs.stream().mapToInt(l -> l.obis().b()).min().orElseThrow();
        List<ObjectLocation> parts = tariffs.stream().filter(l -> l.obis().b() == channel)
                .sorted(Comparator.comparingInt(l -> l.obis().e())).map(l -> located(object, l)).toList();
        return Optional.of(new Choice(Optional.of(ObjectLocation.sumOf(new RegisterSum(parts, Optional.of(standard)))),
                "no total register (" + standard + " or another channel's) in the object list, but "
                + parts.size() + " tariff register(s): their sum; mdms: the standard total code, check what the "
                + "MDMS calls it"));
    }

    private static Optional<ListedObject> first(List<ListedObject> listed, Predicate<ListedObject> test) {
        return listed.stream().filter(test).findFirst();
    }

    private static boolean group(ListedObject l, int a, int b, int c, int d) {
        Obis o = l.obis();
        return o.a() == a && o.b() == b && o.c() == c && o.d() == d;
    }
}
