package org.testbench.drivers.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrived on one topic filter since the subscription was made, in arrival order. Thread-safe:
 * the client's thread adds, any thread reads and waits.
 *
 * <p>Bounded, because whoever may publish on the broker may flood it: a payload larger than
 * {@link #MAX_PAYLOAD_BYTES} is not kept (no notification a meter sends comes near it), and beyond
 * {@link #MAX_MESSAGES} messages or {@link #MAX_KEPT_BYTES} the oldest half is let go. What was not kept is
 * counted ({@link #dropped()}), so that a missing event can be told from a flooded bench.
 */
public final class BrokerSubscription {

    static final int MAX_MESSAGES = 10_000;
    static final int MAX_PAYLOAD_BYTES = 1 << 20;
    static final long MAX_KEPT_BYTES = 64L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSubscription.class);

    private final TopicFilter filter;
    private final int qos;
    private final List<ReceivedMessage> messages = new ArrayList<>();
    /** The arrival number of {@code messages.get(0)}: a waiter resumes where it stopped looking. */
    private long firstNumber;
    private long keptBytes;
    private long dropped;

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
        int size = message.size();
        if (size > MAX_PAYLOAD_BYTES) {
            if (dropped++ == 0) {
                LOG.warn("{}: a message of {} bytes on {} was not kept (more than {} bytes); further drops are"
                        + " counted, not logged", filter, size, message.topic(), MAX_PAYLOAD_BYTES);
            }
            return;
        }
        messages.add(message);
        keptBytes += size;
        if (messages.size() > MAX_MESSAGES || keptBytes > MAX_KEPT_BYTES) {
            List<ReceivedMessage> oldest = messages.subList(0, messages.size() / 2);
            if (dropped == 0) {
                LOG.warn("{}: {} messages arrived; the oldest {} were let go (a flood?); further drops are counted,"
                        + " not logged", filter, messages.size(), oldest.size());
            }
            dropped += oldest.size();
            firstNumber += oldest.size();
            keptBytes -= oldest.stream().mapToLong(ReceivedMessage::size).sum();
            oldest.clear();
        }
        notifyAll();
    }

    /** Everything received and kept so far. */
    public synchronized List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    /** How many messages arrived but were not kept (too large, or let go in a flood). */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * The first message that matches, waiting up to {@code timeout} for it to arrive. Each message is tested
     * once, however many arrive while waiting.
     */
    public synchronized Optional<ReceivedMessage> await(Predicate<ReceivedMessage> wanted, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long next = firstNumber;
        while (true) {
            for (int i = (int) Math.max(0, next - firstNumber); i < messages.size(); i++) {
                if (wanted.test(messages.get(i))) {
                    return Optional.of(messages.get(i));
                }
            }
            next = firstNumber + messages.size();
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
