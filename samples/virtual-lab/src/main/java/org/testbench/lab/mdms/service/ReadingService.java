package org.testbench.lab.mdms.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.headend.HeadEnd;
import org.testbench.lab.mdms.headend.HeadEndException;
import org.testbench.lab.mdms.headend.MeterRejectedException;
import org.testbench.lab.mdms.headend.MeterUnreachableException;
import org.testbench.lab.mdms.headend.RegisterValue;
import org.testbench.lab.mdms.headend.RelayReading;
import org.testbench.lab.mdms.store.EventStore;
import org.testbench.lab.mdms.store.LoadSwitchRecords;
import org.testbench.lab.mdms.store.MeterRegistry;
import org.testbench.lab.mdms.store.RegisterCache;
import org.testbench.lab.mdms.store.RelayRecord;

/**
 * The synchronous reads: registers, load-switch state and event log. Each waits for the network's
 * read delay, then asks the meter through the head-end — except where a fault profile makes the
 * MDMS answer from its database instead.
 */
public final class ReadingService {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingService.class);

    private final MeterRegistry meters;
    private final HeadEnd headEnd;
    private final NetworkDelay delay;
    private final LoadSwitchRecords relays;
    private final EventStore events;
    private final RegisterCache registers;
    private final MdmsSettings settings;
    private final Failures failures;
    private final Clock clock;

    public ReadingService(MeterRegistry meters, HeadEnd headEnd, NetworkDelay delay, LoadSwitchRecords relays,
            EventStore events, RegisterCache registers, MdmsSettings settings, Clock clock) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.headEnd = Objects.requireNonNull(headEnd, "headEnd");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.relays = Objects.requireNonNull(relays, "relays");
        this.events = Objects.requireNonNull(events, "events");
        this.registers = Objects.requireNonNull(registers, "registers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.failures = new Failures(settings.has(MdmsFault.UNREACHABLE_AS_500));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads a register now (or, with stale-registers, answers the first value read). */
    public RegisterReading readRegister(String serial, String obis) {
        requireMeter(serial);
        if (settings.has(MdmsFault.STALE_REGISTERS)) {
            Optional<RegisterValue> cached = registers.find(serial, obis);
            if (cached.isPresent()) {
                // The fault: a database value dressed up as a fresh read.
                Instant now = clock.instant();
                return new RegisterReading(serial, obis, cached.get().value(), cached.get().unit(), now, now);
            }
        }
        delay.beforeRead();
        try {
            RegisterValue value = headEnd.readRegister(serial, obis);
            if (settings.has(MdmsFault.STALE_REGISTERS)) {
                value = registers.keepFirst(serial, obis, value);
            }
            return new RegisterReading(serial, obis, value.value(), value.unit(), value.meterTime(), clock.instant());
        } catch (MeterRejectedException e) {
            if (e.objectUndefined()) {
                throw new ServiceException(ErrorCode.REGISTER_NOT_FOUND, "Meter " + serial + " has no register " + obis,
                        "the meter answered: object-undefined", serial);
            }
            throw failures.ofRead(e);
        } catch (HeadEndException e) {
            throw failures.ofRead(e);
        }
    }

    /**
     * Reads the relay from the meter; if the meter cannot be reached, answers the last confirmed
     * reading as CACHE, or fails when there is none.
     */
    public LoadSwitchReading loadSwitch(String serial) {
        requireMeter(serial);
        if (settings.has(MdmsFault.WRITE_BEFORE_EXECUTE)) {
            Optional<RelayRecord> stored = relays.find(serial);
            if (stored.isPresent()) {
                // The fault: whatever the database holds is presented as a fresh meter reading.
                return new LoadSwitchReading(serial, stored.get().closed(), false, true, clock.instant());
            }
        }
        delay.beforeRead();
        try {
            RelayReading reading = headEnd.readRelay(serial);
            relays.record(serial, new RelayRecord(reading.closed(), reading.at()));
            return new LoadSwitchReading(serial, reading.closed(), reading.armed(), true, reading.at());
        } catch (MeterUnreachableException e) {
            Optional<RelayRecord> known = relays.find(serial);
            if (known.isPresent()) {
                LOG.debug("Meter {} unreachable: answering the reading of {}", serial, known.get().recordedAt());
                return new LoadSwitchReading(serial, known.get().closed(), false, false, known.get().recordedAt());
            }
            throw failures.ofRead(e);
        } catch (HeadEndException e) {
            throw failures.ofRead(e);
        }
    }

    /** Reads the event log and answers the events with from <= meter time < to, oldest first. */
    public List<EventReading> events(String serial, Optional<Instant> from, Optional<Instant> to) {
        requireMeter(serial);
        delay.beforeRead();
        try {
            return events.receive(serial, headEnd.readEventLog(serial), clock.instant()).stream()
                    .filter(event -> from.map(start -> !event.meterTime().isBefore(start)).orElse(true))
                    .filter(event -> to.map(end -> event.meterTime().isBefore(end)).orElse(true))
                    .map(event -> new EventReading(event.eventId(), event.code(), EventCatalog.describe(event.code()),
                            event.meterTime(), event.receivedAt()))
                    .toList();
        } catch (HeadEndException e) {
            throw failures.ofRead(e);
        }
    }

    private void requireMeter(String serial) {
        if (meters.find(serial).isEmpty()) {
            throw ServiceException.meterNotFound(serial);
        }
    }
}
