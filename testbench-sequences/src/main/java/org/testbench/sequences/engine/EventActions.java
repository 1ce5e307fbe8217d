package org.testbench.sequences.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.testbench.drivers.dlms.EventRecord;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.keys.EventSigningKey;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.mqtt.ReceivedMessage;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * {@code events.expect}: did the provoked event arrive — on the broker, in the MDMS, in the meter's
 * own log — once, intact, in time? Latencies are measured from the provoking step (supply, tamper)
 * to the moment the bench saw the event: its arrival at the bench's broker client, and the first poll
 * of the MDMS's notifications that showed it.
 */
final class EventActions {

    /** How often the MDMS's notifications are asked while waiting. */
    private static final Duration MDMS_POLL = Duration.ofMillis(50);
    /** The meter stamps events to the second: an event of this provocation is not older than its second. */
    private static final Duration METER_CLOCK_SLACK = Duration.ofSeconds(2);
    private static final Capability CAPABILITY = Capability.EVENTS_NOTIFICATIONS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventActions() {
    }

    static StepResult expect(Action.EventsExpect a, StepScope scope) throws IOException, StepError,
            InterruptedException {
        String serial = scope.context.serial().orElseThrow(() -> new StepError(
                "events.expect needs the meter's serial: give the position a serial or read it first"));
        Instant provoked = scope.context.provokedAt().orElseGet(Instant::now);
        Instant deadline = provoked.plus(a.timeout());
        String what = a.type().externalName() + " event of meter " + serial;
        StepResult result = new StepResult().put("type", a.type().externalName());

        Optional<ReceivedMessage> message = Optional.empty();
        Optional<EventPayload> payload = Optional.empty();
        boolean broker = a.via() != Action.EventVia.MDMS;
        if (broker) {
            EventWatch watch = scope.instruments.events().orElseThrow(() -> new StepError(
                    "events.expect needs the event broker, and none is configured (endpoints file 'broker')"));
            message = watch.subscription().await(matching(serial, a.type().code(), provoked),
                    nonNegative(Duration.between(Instant.now(), deadline)));
            if (message.isEmpty()) {
                if (watch.lostBecause() != null) {
                    throw new StepError("the bench lost its connection to the broker (" + watch.lostBecause()
                            + "): cannot tell whether the " + what + " was published");
                }
                scope.finding(Finding.of(FindingType.EVENT_MISSING, "no " + what + " on the broker within "
                        + describe(a.timeout()) + " of the provocation", brokerEvidence(watch, serial)));
            } else {
                payload = Optional.of(EventPayload.parse(message.get().payload()));
                Duration latency = Duration.between(provoked, message.get().receivedAt());
                latency(scope, result, "brokerLatency", latency, a.within(), latency.compareTo(a.within()) > 0,
                        what + " reached the broker after " + latency.toMillis() + " ms, more than the "
                        + a.within().toMillis() + " ms allowed");
                result.put("eventId", payload.get().id()).put("topic", message.get().topic());
                scope.evidence("mqtt", message.get().topic() + " " + message.get().text());
                if (a.verifySignature()) {
                    verifySignature(scope, serial, payload.get(), what, result);
                }
                scope.context.captured(payload.get());
            }
        }

        if (a.via() != Action.EventVia.BROKER) {
            MdmsGateway mdms = scope.instruments.mdms().orElseThrow(() -> new StepError(
                    "events.expect via the MDMS needs an MDMS, and none is configured"));
            // Known from the broker: look for its id; else for the code since the provocation.
            Optional<String> eventId = payload.map(EventPayload::id);
            Predicate<JsonNode> same = sameEvent(eventId, a.type().code(), provoked);
            Instant seen = null;
            // The start of the last poll whose answer did not have the event: a poll is a window, not an instant.
            Instant lastMiss = null;
            List<JsonNode> records = List.of();
            do {
                Instant asked = Instant.now();
                records = notifications(mdms, serial, scope, false).stream().filter(same).toList();
                if (!records.isEmpty()) {
                    seen = Instant.now();
                    break;
                }
                lastMiss = asked;
                Thread.sleep(MDMS_POLL.toMillis());
            } while (Instant.now().isBefore(deadline));
            if (seen == null) {
                notifications(mdms, serial, scope, true);
                scope.finding(Finding.of(FindingType.EVENT_MISSING, "the MDMS has no record of the " + what
                        + eventId.map(id -> " (event id " + id + ")").orElse("") + " within " + describe(a.timeout())
                        + " of the provocation"));
            } else {
                // Late only when proven: a poll that began after the window still did not show it. A slow answer
                // (a cold client, a loaded machine) shows the record late but proves nothing about the MDMS.
                Duration latency = Duration.between(provoked, seen);
                boolean provenLate = lastMiss != null && Duration.between(provoked, lastMiss).compareTo(a.within()) > 0;
                latency(scope, result, "mdmsLatency", latency, a.within(), provenLate, what
                        + " was still not in the MDMS's notifications " + (lastMiss == null ? 0
                        : Duration.between(provoked, lastMiss).toMillis()) + " ms after the provocation; it appeared"
                        + " after " + latency.toMillis() + " ms, more than the " + a.within().toMillis()
                        + " ms allowed");
                String id = records.get(0).path("eventId").asText();
                judgeRecords(scope, what, id, notifications(mdms, serial, scope, true), result);
                if (a.replay() && message.isPresent()) {
                    replay(scope, mdms, serial, message.get(), payload.get(), a.within(), what);
                }
            }
        }

        if (a.meterLog()) {
            checkMeterLog(scope, serial, payload.isEmpty() ? Optional.of(a.type().code()) : Optional.empty(), provoked);
        }
        return result;
    }

    private static Predicate<ReceivedMessage> matching(String serial, int code, Instant provoked) {
        Instant earliestMeterTime = provoked.truncatedTo(ChronoUnit.SECONDS).minus(METER_CLOCK_SLACK);
        return m -> {
            if (m.receivedAt().isBefore(provoked)) {
                return false;
            }
            try {
                EventPayload p = EventPayload.parse(m.payload());
                return p.serial().equals(serial) && p.code() == code && !p.ts().isBefore(earliestMeterTime);
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        };
    }

    private static Predicate<JsonNode> sameEvent(Optional<String> eventId, int code, Instant provoked) {
        if (eventId.isPresent()) {
            return n -> eventId.get().equals(n.path("eventId").asText());
        }
        Instant earliestMeterTime = provoked.truncatedTo(ChronoUnit.SECONDS).minus(METER_CLOCK_SLACK);
        return n -> {
            if (n.path("code").asInt(-1) != code) {
                return false;
            }
            try {
                return !Instant.parse(n.path("meterTimestamp").asText()).isBefore(earliestMeterTime);
            } catch (RuntimeException unreadable) {
                return false;
            }
        };
    }

    private static void latency(StepScope scope, StepResult result, String name, Duration latency, Duration within,
                                boolean late, String lateMessage) {
        Quantity ms = Quantity.of(latency.toMillis(), Unit.MILLISECOND);
        result.put(name, ms);
        scope.measurement(name, ms, "<= " + within.toMillis() + " ms", late ? Verdict.FAIL : Verdict.PASS);
        if (late) {
            scope.finding(Finding.of(FindingType.LATENCY, "the " + lateMessage));
        }
    }

    private static void verifySignature(StepScope scope, String serial, EventPayload payload, String what,
                                        StepResult result) throws IOException, StepError {
        MeterKeyStore keys = scope.instruments.keys().orElseThrow(() -> new StepError(
                "verify_signature needs the meters' keystore (for the event-signing key), and none is configured"));
        EventSigningKey key = keys.eventSigningKeyFor(serial);
        try {
            boolean valid = key.verifies(payload.canonical(), payload.signature());
            result.put("signatureValid", valid);
            if (!valid) {
                scope.finding(Finding.of(FindingType.SIGNATURE_INVALID, "the signature of the " + what + " (event id "
                        + payload.id() + ") does not verify under the meter's event-signing key"));
            }
        } finally {
            key.destroy();
        }
    }

    /** One record per event id, checked by the MDMS: a second record or an unchecked one is a finding. */
    private static void judgeRecords(StepScope scope, String what, String eventId, List<JsonNode> all,
                                     StepResult result) {
        List<JsonNode> same = all.stream().filter(n -> eventId.equals(n.path("eventId").asText())).toList();
        result.put("mdmsRecords", (double) same.size());
        if (same.size() > 1) {
            scope.finding(Finding.of(FindingType.EVENT_DUPLICATED, "the MDMS holds " + same.size()
                    + " records of the " + what + " (event id " + eventId + "): it was processed more than once"));
        }
        if (same.stream().anyMatch(n -> !n.path("signatureChecked").asBoolean(false))) {
            scope.finding(Finding.of(FindingType.SIGNATURE_NOT_CHECKED, "the MDMS stored the " + what + " (event id "
                    + eventId + ") without checking its signature (signatureChecked is not true)"));
        }
    }

    /**
     * Publishes the captured message again (a retry, a replay by an attacker) and a copy with a new id
     * and the old signature (a forgery); a correct MDMS keeps one record and refuses the forgery.
     */
    private static void replay(StepScope scope, MdmsGateway mdms, String serial, ReceivedMessage original,
                               EventPayload payload, Duration within, String what)
            throws IOException, StepError, InterruptedException {
        EventWatch watch = scope.instruments.events().orElseThrow();
        String forgedId = payload.id() + "-forged";
        watch.publish(original.topic(), original.payload());
        watch.publish(original.topic(), payload.forgedCopy(forgedId));
        scope.evidence("mqtt", "re-published " + original.topic() + " event " + payload.id()
                + ", and a copy with id " + forgedId + " and the original's signature");
        // Give the MDMS the time it is allowed for an event, then look.
        Thread.sleep(Math.max(within.toMillis(), 200));
        List<JsonNode> all = notifications(mdms, serial, scope, true);
        long copies = all.stream().filter(n -> payload.id().equals(n.path("eventId").asText())).count();
        if (copies > 1) {
            scope.finding(Finding.of(FindingType.EVENT_DUPLICATED, "re-publishing the " + what + " (event id "
                    + payload.id() + ") left " + copies + " records in the MDMS: it does not deduplicate by event id"));
        }
        if (all.stream().anyMatch(n -> forgedId.equals(n.path("eventId").asText()))) {
            scope.finding(Finding.of(FindingType.SIGNATURE_NOT_CHECKED, "the MDMS stored a copy of the " + what
                    + " whose signature does not match (event id " + forgedId + ")"));
        }
    }

    /** The MDMS's notifications of the meter; an answer that is not OK means the test cannot judge: ERROR. */
    private static List<JsonNode> notifications(MdmsGateway mdms, String serial, StepScope scope, boolean record)
            throws IOException, StepError, InterruptedException {
        MdmsGateway.Result r = mdms.call(CAPABILITY, Map.of("serial", serial), false, scope.step.timeout());
        if (record) {
            r.evidence().forEach(e -> scope.evidence("http", e));
            r.findings().forEach(scope::finding);
        }
        if (r.outcome() != MdmsOutcome.OK) {
            throw new StepError(CAPABILITY + " for meter " + serial + " answered " + r.outcome() + " (HTTP "
                    + r.status() + ")" + (r.message() == null ? "" : ": " + r.message()));
        }
        Object field = r.fields().get("notifications");
        if (!(field instanceof String text)) {
            throw new StepError(CAPABILITY + " for meter " + serial + ": the answer has no notifications list");
        }
        JsonNode list;
        try {
            list = JSON.readTree(text);
        } catch (IOException e) {
            throw new StepError(CAPABILITY + " for meter " + serial + ": notifications is not a JSON list");
        }
        if (!list.isArray()) {
            throw new StepError(CAPABILITY + " for meter " + serial + ": notifications is not a list");
        }
        List<JsonNode> records = new ArrayList<>();
        list.forEach(records::add);
        return records;
    }

    /**
     * The meter's own event log (optical port, public client) must hold every event captured since the
     * last look, at the second the payload names; or, with no payload, an entry of the code since the
     * provocation.
     */
    private static void checkMeterLog(StepScope scope, String serial, Optional<Integer> codeWithoutPayload,
                                      Instant provoked) throws IOException {
        List<EventPayload> expected = scope.context.takeUnverified();
        List<EventRecord> log;
        org.testbench.drivers.profile.ProfiledMeter meter = PositionMeter.of(scope, scope.setup.optical());
        org.testbench.drivers.dlms.Obis eventLog = meter.profile().objects().require(
                org.testbench.drivers.profile.MeterObject.EVENT_LOG, meter.profile().describe());
        try (MeterSession session = meter.open(org.testbench.drivers.profile.Clients.ClientJob.READER)) {
            log = session.readEventLog(eventLog);
        }
        scope.evidence("meter", "event log of meter " + serial + " (" + log.size() + " entries), last: "
                + (log.isEmpty() ? "none" : log.get(log.size() - 1)));
        for (EventPayload p : expected) {
            boolean found = log.stream().anyMatch(e -> e.code() == p.code() && e.time().toInstant().equals(p.ts()));
            if (!found) {
                scope.finding(Finding.of(FindingType.EVENT_MISSING, "the meter's own event log has no entry with code "
                        + p.code() + " at " + p.tsText() + ", which its " + p.type() + " notification " + p.id()
                        + " reported"));
            }
        }
        if (codeWithoutPayload.isPresent()) {
            Instant earliest = provoked.truncatedTo(ChronoUnit.SECONDS).minus(METER_CLOCK_SLACK);
            boolean found = log.stream().anyMatch(e -> e.code() == codeWithoutPayload.get()
                    && !e.time().toInstant().isBefore(earliest));
            if (!found) {
                scope.finding(Finding.of(FindingType.EVENT_MISSING, "the meter's own event log has no entry with code "
                        + codeWithoutPayload.get() + " since " + provoked.truncatedTo(ChronoUnit.SECONDS)));
            }
        }
        scope.measurement("meterLogEntries", log.size());
    }

    private static String brokerEvidence(EventWatch watch, String serial) {
        long fromMeter = watch.messages().stream().filter(m -> m.text().contains("\"" + serial + "\"")).count();
        long dropped = watch.subscription().dropped();
        return "messages from meter " + serial + " seen on the broker in this run: " + fromMeter + (dropped == 0 ? ""
                : "; " + dropped + " messages on " + EventWatch.TOPIC_FILTER + " were not kept (a flood, or payloads"
                + " too large for a notification)");
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
