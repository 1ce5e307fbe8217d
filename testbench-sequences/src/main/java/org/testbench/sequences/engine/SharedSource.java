package org.testbench.sequences.engine;

import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.SourceSettings;
import org.testbench.drivers.quantity.Unit;

/**
 * One source feeds every position of a bench, so positions running in parallel share it: the first
 * position that asks switches it on, the last one that lets go switches it off, and nobody changes its
 * settings under another position's feet. At the end of a run the source is switched off if the run
 * left it on.
 */
final class SharedSource {

    private final Bench bench;
    private final Set<Integer> holders = new TreeSet<>();
    private SourceSettings settings;
    private boolean switchedOnByRun;

    SharedSource(Bench bench) {
        this.bench = Objects.requireNonNull(bench, "bench");
    }

    /** Switches on for {@code position}, or joins positions that have it on with the same settings. */
    synchronized SourceSettings switchOn(int position, SourceSettings wanted) throws IOException, StepError {
        if (holders.isEmpty() || holders.equals(Set.of(position))) {
            bench.configureSource(wanted);
            bench.setSourceOn(true);
            settings = wanted;
            switchedOnByRun = true;
        } else if (!same(wanted, settings)) {
            throw new StepError("the source is on at " + describe(settings) + " for position(s) " + holders
                    + "; position " + position + " asks for " + describe(wanted)
                    + " — one source feeds every position, run sequences that need other settings separately");
        }
        holders.add(position);
        return settings;
    }

    /** Lets go for {@code position}; the source goes off when no position needs it any more. */
    synchronized boolean switchOff(int position) throws IOException {
        holders.remove(position);
        if (holders.isEmpty()) {
            bench.setSourceOn(false);
            settings = null;
            return true;
        }
        return false;
    }

    /** The settings in force, or the bench's configured ones when the source is off. */
    synchronized SourceSettings current() throws IOException {
        return settings != null ? settings : bench.sourceSettings();
    }

    /** After the run: off, if this run switched it on and a sequence did not switch it off. */
    synchronized void endOfRun() throws IOException {
        if (switchedOnByRun && !holders.isEmpty()) {
            holders.clear();
            bench.setSourceOn(false);
        }
    }

    private static boolean same(SourceSettings a, SourceSettings b) {
        return Math.abs(a.voltage().in(Unit.VOLT) - b.voltage().in(Unit.VOLT)) < 1e-6
                && Math.abs(a.current().in(Unit.AMPERE) - b.current().in(Unit.AMPERE)) < 1e-6
                && Math.abs(a.phase().in(Unit.DEGREE) - b.phase().in(Unit.DEGREE)) < 1e-6;
    }

    private static String describe(SourceSettings s) {
        return s.voltage() + ", " + s.current() + ", " + s.phase().value() + "°";
    }
}
