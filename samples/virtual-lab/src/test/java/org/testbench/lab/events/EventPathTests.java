package org.testbench.lab.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.keys.EventSigningKey;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.events.Notification;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.MdmsHttp;
import org.testbench.lab.support.MdmsLabs;
import org.testbench.lab.support.ScpiTestClient;
import org.testbench.lab.support.TestLabs;

/**
 * The lab's event path on its embedded broker: the bench provokes, the meter logs, the gateway signs
 * and publishes, the MDMS verifies, deduplicates and stores — and each event fault profile breaks
 * exactly its rule.
 */
class EventPathTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    static EventSigningKey keyOf(VirtualLab lab, String serial) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(lab.keystore())) {
            store.load(in, TestLabs.PASSWORD);
        }
        return EventSigningKey.of(store.getKey(serial + ".evk", TestLabs.PASSWORD).getEncoded());
    }

    /** A fast-MDMS lab with the event path on the embedded broker. */
    static VirtualLab events(Set<MdmsFault> faults) throws java.io.IOException {
        return VirtualLab.start(MdmsLabs.config(1, faults).events(true).build());
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    @Nested
    class CorrectMdms {

        @Test
        void supplyOffIsALastGaspSignedPublishedAndStoredOnce() throws Exception {
            try (VirtualLab lab = VirtualLab.start(MdmsLabs.config(2, Set.of()).events(true).build());
                 AlertListener listener = new AlertListener(lab.broker().orElseThrow().url());
                 ScpiTestClient scpi = ScpiTestClient.tcp(lab.bench().scpiEndpoint())) {
                assertThat(lab.embeddedBroker()).isTrue();
                VirtualMeter meter = lab.meter(2);
                Instant before = Instant.now();
                scpi.send("ROUT:SUPP (@2),OFF");

                List<AlertListener.Received> got = listener.await(1, WAIT);
                assertThat(got).hasSize(1);
                assertThat(got.get(0).topic()).isEqualTo("telemetry/alerts/outage");
                EventNotification.Signed signed = EventNotification.parse(got.get(0).payload());
                EventNotification n = signed.notification();
                assertThat(n.serial()).isEqualTo(meter.serial());
                assertThat(n.code()).isEqualTo(2);
                assertThat(n.type()).isEqualTo("last-gasp");
                assertThat(n.obis()).isEqualTo("0.0.99.98.0.255");
                assertThat(signed.verify(keyOf(lab, meter.serial()))).isTrue();
                assertThat(signed.verify(keyOf(lab, lab.meter(1).serial()))).as("another meter's key").isFalse();
                // The meter's own log holds the same event at the same second.
                assertThat(meter.eventLog()).anySatisfy(e -> {
                    assertThat(e.code()).isEqualTo(2);
                    assertThat(e.timestamp()).isEqualTo(n.ts());
                });

                await(() -> !lab.mdms().notifications().of(meter.serial()).isEmpty());
                List<Notification> stored = lab.mdms().notifications().of(meter.serial());
                assertThat(stored).singleElement().satisfies(s -> {
                    assertThat(s.eventId()).isEqualTo(n.id());
                    assertThat(s.signatureChecked()).isTrue();
                    assertThat(s.signatureValid()).isTrue();
                    assertThat(s.receivedAt()).isAfterOrEqualTo(before);
                });

                // Re-published by somebody else (or by a gateway's retry): no second record.
                listener.publish(got.get(0).topic(), got.get(0).payload());
                listener.await(2, WAIT);
                Thread.sleep(200);
                assertThat(lab.mdms().notifications().of(meter.serial())).hasSize(1);

                MdmsHttp http = MdmsLabs.client(lab);
                JsonNode body = http.get("/meters/" + meter.serial() + "/notifications").json();
                assertThat(body.get("notifications")).hasSize(1);
                assertThat(body.get("notifications").get(0).get("eventId").asText()).isEqualTo(n.id());
                assertThat(body.get("notifications").get(0).get("type").asText()).isEqualTo("last-gasp");
                assertThat(body.get("notifications").get(0).get("signatureChecked").asBoolean()).isTrue();
                scpi.send("ROUT:SUPP (@2),ON");
                assertThat(listener.await(3, WAIT)).extracting(AlertListener.Received::topic)
                        .contains("telemetry/alerts/restore");
            }
        }

        @Test
        void tamperOverScpiIsLoggedAndPushedOnTheTamperTopic() throws Exception {
            try (VirtualLab lab = events(Set.of());
                 AlertListener listener = new AlertListener(lab.broker().orElseThrow().url());
                 ScpiTestClient scpi = ScpiTestClient.tcp(lab.bench().scpiEndpoint())) {
                scpi.send("ROUT:TAMP (@1),COVER");
                scpi.send("ROUTe:TAMPer (@1),MAGN");
                List<AlertListener.Received> got = listener.await(2, WAIT);
                assertThat(got).extracting(AlertListener.Received::topic).containsOnly("telemetry/alerts/tamper");
                assertThat(got).extracting(r -> EventNotification.parse(r.payload()).notification().code())
                        .containsExactly(40, 42);
                assertThat(lab.meter(1).eventLog()).extracting(e -> e.code()).contains(40, 42);
                scpi.send("ROUT:TAMP (@1),KNOCK");
                assertThat(scpi.nextError()).contains("COVER or MAGNET").contains("KNOCK");
            }
        }

        @Test
        void badPayloadsAreRejectedWithTheirReasonAndNothingCrashes() throws Exception {
            try (VirtualLab lab = events(Set.of());
                 AlertListener listener = new AlertListener(lab.broker().orElseThrow().url())) {
                String serial = lab.meter(1).serial();
                EventNotification forged = new EventNotification("forged-1", serial, "0.0.99.98.0.255", 2,
                        "last-gasp", Instant.parse("2026-01-01T00:00:00Z"));
                listener.publish("telemetry/alerts/outage", forged.toJson("AAAA"));
                listener.publish("telemetry/alerts/outage", "{not json".getBytes(StandardCharsets.UTF_8));
                listener.publish("telemetry/alerts/outage", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
                EventNotification stranger = new EventNotification("stranger-1", "99999999", "0.0.99.98.0.255", 2,
                        "last-gasp", Instant.parse("2026-01-01T00:00:00Z"));
                listener.publish("telemetry/alerts/outage", stranger.toSignedJson(keyOf(lab, serial)));
                await(() -> lab.mdms().notifications().rejected().size() == 4);
                assertThat(lab.mdms().notifications().rejected()).extracting(r -> r.reason())
                        .containsExactlyInAnyOrder("SIGNATURE_INVALID", "MALFORMED", "MALFORMED", "UNKNOWN_METER");
                assertThat(lab.mdms().notifications().all()).isEmpty();
                JsonNode body = MdmsLabs.client(lab).get("/meters/" + serial + "/notifications").json();
                assertThat(body.get("rejected")).singleElement()
                        .satisfies(r -> assertThat(r.get("reason").asText()).isEqualTo("SIGNATURE_INVALID"));
                // The subscription survived: a real event still gets through.
                lab.meter(1).setSupplyOn(false);
                await(() -> !lab.mdms().notifications().of(serial).isEmpty());
                assertThat(lab.mdms().notifications().of(serial)).hasSize(1);
            }
        }

        @Test
        void theKeystoreHoldsTheSigningKeysAndNothingPrintsThem() throws Exception {
            try (VirtualLab lab = events(Set.of())) {
                EventSigningKey key = keyOf(lab, lab.meter(1).serial());
                assertThat(key.toString()).contains("redacted");
                assertThat(lab.broker().orElseThrow().toString()).doesNotContain("password=");
            }
        }
    }

    @Nested
    class FaultProfiles {

        private List<Notification> provokeLastGasp(VirtualLab lab, int expectedRecords) throws Exception {
            lab.meter(1).setSupplyOn(false);
            String serial = lab.meter(1).serial();
            await(() -> lab.mdms().notifications().of(serial).size() >= expectedRecords);
            Thread.sleep(100);
            return lab.mdms().notifications().of(serial);
        }

        @Test
        void duplicateEventsStoresEachEventTwice() throws Exception {
            try (VirtualLab lab = events(EnumSet.of(MdmsFault.DUPLICATE_EVENTS))) {
                List<Notification> stored = provokeLastGasp(lab, 2);
                assertThat(stored).hasSize(2);
                assertThat(stored.get(0).eventId()).isEqualTo(stored.get(1).eventId());
            }
        }

        @Test
        void dropEventsLosesEverySecondEvent() throws Exception {
            try (VirtualLab lab = events(EnumSet.of(MdmsFault.DROP_EVENTS))) {
                lab.meter(1).setSupplyOn(false);
                lab.meter(1).setSupplyOn(true);
                lab.meter(1).tamper(org.testbench.lab.meter.Tamper.COVER);
                String serial = lab.meter(1).serial();
                await(() -> lab.mdms().notifications().of(serial).size() >= 2);
                Thread.sleep(300);
                assertThat(lab.mdms().notifications().of(serial)).extracting(Notification::type)
                        .containsExactly("last-gasp", "tamper-cover");
            }
        }

        @Test
        void uncheckedSignaturesStoresAForgedPayload() throws Exception {
            try (VirtualLab lab = events(EnumSet.of(MdmsFault.UNCHECKED_SIGNATURES));
                 AlertListener listener = new AlertListener(lab.broker().orElseThrow().url())) {
                String serial = lab.meter(1).serial();
                EventNotification forged = new EventNotification("forged-2", serial, "0.0.99.98.0.255", 40,
                        "tamper-cover", Instant.parse("2026-01-01T00:00:00Z"));
                listener.publish("telemetry/alerts/tamper", forged.toJson("AAAA"));
                await(() -> !lab.mdms().notifications().of(serial).isEmpty());
                assertThat(lab.mdms().notifications().of(serial)).singleElement().satisfies(n -> {
                    assertThat(n.eventId()).isEqualTo("forged-2");
                    assertThat(n.signatureChecked()).isFalse();
                });
            }
        }

        @Test
        void slowEventsStoresAfterTheWindow() throws Exception {
            try (VirtualLab lab = events(EnumSet.of(MdmsFault.SLOW_EVENTS))) {
                List<Notification> stored = provokeLastGasp(lab, 1);
                assertThat(stored).singleElement().satisfies(n -> assertThat(Duration.between(n.receivedAt(),
                        n.storedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(1500)));
            }
        }
    }
}
