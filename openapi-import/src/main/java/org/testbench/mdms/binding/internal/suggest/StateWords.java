package org.testbench.mdms.binding.internal.suggest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API's state words in the bench's: a relay {@code ON}, {@code CONNECTED}, {@code CLOSED} or
 * {@code ENERGIZED} conducts ({@code CLOSED}); {@code OFF}, {@code DISCONNECTED} or {@code OPEN} does not
 * ({@code OPEN}); {@code ARMED} or {@code READY_FOR_RECONNECTION} is a reconnect the meter armed, still open
 * until its button is pressed ({@code ARMED}, which the bench tells from both); a command's {@code SUCCEEDED}
 * is {@code EXECUTED}. A word that fits no meaning is left out of the map, so that the bench reports it as
 * unknown instead of guessing.
 */
public final class StateWords {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";
    public static final String ARMED = "ARMED";

    private static final Pattern RELAY_OPEN = Pattern.compile("(?i)^(relay_?|switch_?|breaker_?|load_?)?(open(ed)?|off|disconnect(ed)?|de_?energi[sz]ed|break|cut|opened)$");
    private static final Pattern RELAY_ARMED = Pattern.compile("(?i)^(relay_?|switch_?|breaker_?|load_?)?(armed|ready_?for_?reconnection)$");
    private static final Pattern RELAY_CLOSED = Pattern.compile("(?i)^(relay_?|switch_?|breaker_?|load_?)?(close(d)?|on|connect(ed)?|reconnect(ed)?|energi[sz]ed)$");
    private static final Pattern PENDING = Pattern.compile("(?i)^(pending|queued|running|in_?progress|submitted|accepted|waiting|scheduled|started|new|created|sent|processing|executing|dispatched)$");
    private static final Pattern EXECUTED = Pattern.compile("(?i)^(executed|succeeded|success(ful)?|done|completed?|ok|finished|delivered|acknowledged|confirmed)$");
    private static final Pattern FAILED = Pattern.compile("(?i)^(failed|failure|error|rejected|timeout|timed_?out|cancell?ed|expired|aborted|refused|unreachable)$");

    private StateWords() {
    }

    /** What a relay word means to the bench ({@link #OPEN}, {@link #ARMED} or {@link #CLOSED}), if anything. */
    public static Optional<String> relay(String word) {
        if (RELAY_ARMED.matcher(word).matches()) {
            return Optional.of(ARMED);
        }
        if (RELAY_OPEN.matcher(word).matches()) {
            return Optional.of(OPEN);
        }
        if (RELAY_CLOSED.matcher(word).matches()) {
            return Optional.of(CLOSED);
        }
        return Optional.empty();
    }

    /** The enum's words that say open and closed, mapped to the bench's; empty unless both sides are there. */
    public static Map<String, String> relayMap(List<String> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String v : values) {
            relay(v).ifPresent(state -> map.put(v, state));
        }
        return map.containsValue(OPEN) && map.containsValue(CLOSED) ? map : Map.of();
    }

    /** The value that asks for {@code state} ({@link #OPEN} or {@link #CLOSED}), first of the enum's words. */
    public static Optional<String> valueFor(List<String> values, String state) {
        return values.stream().filter(v -> relay(v).filter(state::equals).isPresent()).findFirst();
    }

    public static boolean isPending(String word) {
        return PENDING.matcher(word).matches();
    }

    public static boolean isExecuted(String word) {
        return EXECUTED.matcher(word).matches();
    }

    public static boolean isFailed(String word) {
        return FAILED.matcher(word).matches();
    }

    /** A word as the bench writes its own: {@code in-progress} → {@code IN_PROGRESS}. */
    public static String upper(String word) {
        return word.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
