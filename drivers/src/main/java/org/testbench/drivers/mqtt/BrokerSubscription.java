package org.testbench.drivers.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What arrived on one topic filter since the subscription was made, in arrival order. Thread-safe:
 * the client's thread adds, any thread reads and waits.
 */
public final class BrokerSubscription {

    private final TopicFilter filter;
    private final int qos;
    private final List<ReceivedMessage> messages = new ArrayList<>();

    BrokerSubscription(TopicFilter filter, int qos) {
        this.filter = filter;
        this.qos = qos;
    }

    public TopicFilter filter() {
        return filter;
    }

    public int qos() {
        return qos;
    }

    synchronized void add(ReceivedMessage message) {
        messages.add(message);
        notifyAll();
    }

    /** Everything received so far. */
    public synchronized List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    /** The first message that matches, waiting up to {@code timeout} for it to arrive. */
    public synchronized Optional<ReceivedMessage> await(Predicate<ReceivedMessage> wanted, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ReceivedMessage m : messages) {
                if (wanted.test(m)) {
                    return Optional.of(m);
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Every message that matches. */
    public synchronized List<ReceivedMessage> all(Predicate<ReceivedMessage> wanted) {
        return messages.stream().filter(wanted).toList();
    }

    @Override
    public String toString() {
        return "BrokerSubscription[" + filter + ", qos " + qos + "]";
    }
}
