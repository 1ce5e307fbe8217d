package org.testbench.sequences.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What is known when a run starts: the sequence (name, digest and full text, so that the result can be
 * read without the file), who ran it with which software on which bench, the MDMS interface if the sequence
 * talks to one, the bench positions it will run on, and when it started. Build with {@link #newBuilder()}.
 *
 * @param station the bench that records the run: its bench.yaml's {@code station:}, or its host name
 * @param lab a free-text or JSON description of the lab and bench (instruments, serial numbers, firmware)
 * @param plannedPositions the bench positions, ascending and distinct, each from 1
 * @param startedAt kept to the microsecond
 */
public record RunStart(
        String sequenceName,
        Sha256 sequenceSha256,
        String sequenceText,
        String softwareVersion,
        String operator,
        String station,
        String lab,
        Optional<MdmsInterface> mdms,
        List<Integer> plannedPositions,
        Instant startedAt) {

    public RunStart {
        Checks.requireText(sequenceName, 200, "sequence name");
        Checks.requirePresent(sequenceSha256, "sequence SHA-256");
        Checks.requirePresent(sequenceText, "sequence text");
        Checks.requireText(softwareVersion, 100, "software version");
        Checks.requireText(operator, 200, "operator");
        Checks.requireText(station, Station.MAX_LENGTH, "station");
        Checks.requirePresent(lab, "lab description");
        Objects.requireNonNull(mdms, "mdms");
        plannedPositions = positions(plannedPositions);
        startedAt = Checks.micros(startedAt, "start time");
    }

    private static List<Integer> positions(Collection<Integer> positions) {
        if (positions == null || positions.isEmpty()) {
            throw new IllegalArgumentException("planned positions are missing: a run needs at least one position");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer p : positions) {
            int position = Checks.requirePosition(Checks.requirePresent(p, "planned position"));
            if (!sorted.add(position)) {
                throw new IllegalArgumentException("bench position " + position + " is planned twice");
            }
        }
        return List.copyOf(sorted);
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** Collects the fields; {@link #build()} names the first one missing or invalid. */
    public static final class Builder {
        private String sequenceName;
        private Sha256 sequenceSha256;
        private String sequenceText;
        private String softwareVersion;
        private String operator;
        private String station = Station.localHost();
        private String lab = "";
        private MdmsInterface mdms;
        private final List<Integer> plannedPositions = new ArrayList<>();
        private Instant startedAt;

        private Builder() {
        }

        /** The sequence's name, and its text; the digest is computed from the text as UTF-8. */
        public Builder sequence(String name, String text) {
            return sequence(name, Sha256.ofUtf8(text), text);
        }

        public Builder sequence(String name, Sha256 sha256, String text) {
            this.sequenceName = name;
            this.sequenceSha256 = sha256;
            this.sequenceText = text;
            return this;
        }

        public Builder softwareVersion(String softwareVersion) {
            this.softwareVersion = softwareVersion;
            return this;
        }

        public Builder operator(String operator) {
            this.operator = operator;
            return this;
        }

        /** The bench that records the run; this host's name unless set. */
        public Builder station(String station) {
            this.station = station;
            return this;
        }

        public Builder lab(String lab) {
            this.lab = lab;
            return this;
        }

        public Builder mdms(MdmsInterface mdms) {
            this.mdms = mdms;
            return this;
        }

        public Builder plannedPositions(Collection<Integer> positions) {
            plannedPositions.clear();
            plannedPositions.addAll(positions);
            return this;
        }

        public Builder plannedPositions(int... positions) {
            plannedPositions.clear();
            for (int p : positions) {
                plannedPositions.add(p);
            }
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the missing or invalid field
         */
        public RunStart build() {
            return new RunStart(sequenceName, sequenceSha256, sequenceText, softwareVersion, operator, station, lab,
                    Optional.ofNullable(mdms), plannedPositions, startedAt);
        }
    }
}
