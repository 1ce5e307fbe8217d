package org.testbench.drivers.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A subscription stays bounded under a flood, and a waiter looks at each message once. */
class BrokerSubscriptionTests {

    private final BrokerSubscription subscription = new BrokerSubscription(new TopicFilter("telemetry/alerts/#"), 1);

    private static ReceivedMessage message(String text) {
        return new ReceivedMessage("telemetry/alerts/tamper", text.getBytes(StandardCharsets.UTF_8), Instant.now(), 1,
                false);
    }

    @Test
    void aFloodKeepsTheNewestAndCountsWhatWasLetGo() {
        int sent = BrokerSubscription.MAX_MESSAGES * 2 + 123;
        for (int i = 0; i < sent; i++) {
            subscription.add(message("m" + i));
        }
        assertThat(subscription.messages()).hasSizeLessThanOrEqualTo(BrokerSubscription.MAX_MESSAGES);
        assertThat(subscription.messages().get(subscription.messages().size() - 1).text()).isEqualTo("m" + (sent - 1));
        assertThat(subscription.dropped() + subscription.messages().size()).isEqualTo(sent);
    }

    @Test
    void aPayloadTooLargeForANotificationIsCountedNotKept() {
        subscription.add(new ReceivedMessage("telemetry/alerts/x", new byte[BrokerSubscription.MAX_PAYLOAD_BYTES + 1],
                Instant.now(), 1, false));
        subscription.add(message("small"));
        assertThat(subscription.messages()).extracting(ReceivedMessage::text).containsExactly("small");
        assertThat(subscription.dropped()).isEqualTo(1);
    }

    @Test
    void aWaiterTestsEachMessageOnceWhileAFloodArrives() throws Exception {
        AtomicInteger tested = new AtomicInteger();
        int flood = 5_000;
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < flood; i++) {
                subscription.add(message("noise " + i));
            }
            subscription.add(message("wanted"));
        });
        publisher.start();
        Optional<ReceivedMessage> found = subscription.await(m -> {
            tested.incrementAndGet();
            return m.text().equals("wanted");
        }, Duration.ofMinutes(1));
        publisher.join();
        assertThat(found).map(ReceivedMessage::text).contains("wanted");
        assertThat(tested.get()).isEqualTo(flood + 1);
    }
}
