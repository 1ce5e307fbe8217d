package org.testbench.drivers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.quantity.Unit;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.testing.MeddlingProxy;
import org.testbench.fuzz.FuzzBudget;
import org.testbench.fuzz.HangGuard;
import org.testbench.drivers.transport.PortAddress;

/**
 * Fuzzing the bench driver's SCPI parsing through a hostile server on loopback: a man in the middle in front of
 * the virtual bench that changes one reply line of a short conversation (identify, count positions, measure,
 * ask whether the source is on). The change breaks the structure — the line cut without its end, cut short,
 * sent twice, emptied, a field dropped or added, control bytes inserted, a stall beyond the timeout, a close, a
 * flood without end of line. Whatever happens, the conversation ends with exactly the values the bench said or
 * with one {@link DeviceException} whose message is one line without control characters (what a hostile peer
 * sends must not reach the operator's terminal as control sequences). A digit changed into another digit is not
 * tried: SCPI has no check a client could catch it with. Seeded and bounded: a slice of the suite (tag
 * {@code fuzz}); long runs through {@link FuzzBudget}.
 */
@Tag("fuzz")
@AddLifecycleHook(FuzzBudget.class)
class HostileScpiProperties {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Only a hang guard, far above a conversation that waits out every timeout. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static LabFixture fixture;
    private static HangGuard talker;

    /** One change to the {@code line}-th reply line (0: *IDN?, 1: SYST:POS?, 2: MEAS:ALL?, 3: OUTP?). */
    record Mutation(int line, String kind, int at, int value) {
        /** The bytes sent instead of the line and its end, or null to close the connection. */
        byte[] apply(String reply) throws InterruptedException {
            int i = reply.isEmpty() ? 0 : Math.floorMod(at, reply.length());
            String[] fields = reply.split(",", -1);
            String text = switch (kind) {
                case "unterminated" -> reply.substring(0, i);
                case "cut" -> reply.substring(0, i) + "\n";
                case "twice" -> reply + "\n" + reply + "\n";
                case "empty" -> "\n";
                case "drop-field" -> fields.length < 2 ? "\n" : String.join(",", Arrays.copyOf(fields,
                        fields.length - 1)) + "\n";
                case "extra-field" -> reply + "," + value + "\n";
                case "control" -> reply.substring(0, i) + (char) new int[] {0x00, 0x07, 0x1B, 0x08, 0x7F}[value % 5]
                        + (value % 2 == 0 ? "[2J" : "") + reply.substring(i) + "\n";
                case "stall" -> {
                    Thread.sleep(TIMEOUT.plusMillis(300).toMillis());
                    yield reply + "\n";
                }
                case "close" -> null;
                case "flood" -> "9".repeat(20_000);
                default -> reply + "\n";
            };
            return text == null ? null : text.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** What the conversation gave. */
    record Conversation(BenchIdentity identity, int positions, BenchReading reading, boolean sourceOn) {
    }

    @BeforeContainer
    static void startLab() throws Exception {
        fixture = LabFixture.start(1);
        talker = new HangGuard("fuzz-scpi", HANG_GUARD);
    }

    @AfterContainer
    static void stopLab() throws Exception {
        talker.close();
        fixture.close();
    }

    private static Conversation talk(PortAddress address) throws Exception {
        return talker.call("the conversation", () -> {
            try (ScpiBench bench = ScpiBench.connect(address, TIMEOUT)) {
                BenchReading reading = bench.measure(1);
                return new Conversation(bench.identity(), bench.positions(), reading, bench.isSourceOn());
            }
        });
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.of("unterminated", "cut", "cut", "twice", "empty", "drop-field", "extra-field", "control",
                        "control", "stall", "close", "flood"),
                Arbitraries.integers().between(0, 200), Arbitraries.integers().between(0, 255)).as(Mutation::new);
    }

    @Property(tries = 40, seed = "20261207")
    void aHostileReplyIsEitherTheBenchsValueOrOneClearError(@ForAll("mutations") Mutation mutation) throws Exception {
        PortAddress bench = PortAddress.parse(fixture.lab().bench().scpiEndpoint());
        List<String> replies = new CopyOnWriteArrayList<>();
        try (MeddlingProxy hostile = new MeddlingProxy(bench.toString(), MeddlingProxy.Framing.LINE, (index, line) -> {
            String reply = new String(line, 0, line.length - 1, StandardCharsets.ISO_8859_1);
            replies.add(reply);
            return index == mutation.line() ? mutation.apply(reply) : line;
        })) {
            Conversation c;
            try {
                c = talk(PortAddress.parse(hostile.address()));
            } catch (DeviceException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n")
                        .matches(m -> m.chars().noneMatch(ch -> Character.isISOControl(ch)), "has no control character");
                return;
            }
            List<String> truth = List.copyOf(replies);
            assertThat(c.identity()).isEqualTo(BenchIdentity.parse(truth.get(0)));
            assertThat(c.positions()).isEqualTo(Integer.parseInt(truth.get(1).strip()));
            double[] measured = Arrays.stream(truth.get(2).split(",")).mapToDouble(s -> Double.parseDouble(
                    s.strip().replaceAll("[A-Za-z]+$", ""))).toArray();
            assertThat(new double[] {c.reading().voltage().in(Unit.VOLT), c.reading().current().in(Unit.AMPERE),
                    c.reading().activePower().in(Unit.WATT), c.reading().apparentPower().in(Unit.VOLT_AMPERE)})
                    .containsExactly(measured);
            assertThat(c.sourceOn()).isEqualTo(truth.get(3).strip().equals("1") || truth.get(3).strip()
                    .equalsIgnoreCase("ON"));
        }
    }
}
