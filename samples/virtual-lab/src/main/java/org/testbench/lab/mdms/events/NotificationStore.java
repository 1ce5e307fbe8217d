package org.testbench.lab.mdms.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The MDMS's event notification records and rejected messages, in arrival order. Thread-safe. */
public final class NotificationStore {

    private final List<Notification> notifications = new ArrayList<>();
    private final List<RejectedMessage> rejected = new ArrayList<>();

    synchronized boolean contains(String eventId) {
        return notifications.stream().anyMatch(n -> n.eventId().equals(eventId));
    }

    synchronized void add(Notification notification) {
        notifications.add(Objects.requireNonNull(notification, "notification"));
    }

    synchronized void reject(RejectedMessage message) {
        rejected.add(Objects.requireNonNull(message, "message"));
    }

    /** The records of one meter, oldest first. */
    public synchronized List<Notification> of(String serial) {
        return notifications.stream().filter(n -> n.serial().equals(serial)).toList();
    }

    /** Rejected messages that name this meter, oldest first. */
    public synchronized List<RejectedMessage> rejectedOf(String serial) {
        return rejected.stream().filter(r -> serial.equals(r.serial())).toList();
    }

    public synchronized List<Notification> all() {
        return List.copyOf(notifications);
    }

    public synchronized List<RejectedMessage> rejected() {
        return new ArrayList<>(rejected);
    }
}
