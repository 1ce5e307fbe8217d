package org.testbench.lab.mdms.dialect;

import java.time.Clock;

import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.events.NotificationStore;
import org.testbench.lab.mdms.keys.KeyExporter;
import org.testbench.lab.mdms.service.CommandService;
import org.testbench.lab.mdms.service.ReadingService;
import org.testbench.lab.mdms.store.MeterRegistry;

/** What every API front end of the MDMS works on: one set of meters, services and stores. */
public record MdmsServices(MeterRegistry meters, ReadingService readings, CommandService commands, KeyExporter keys,
        MdmsSettings settings, Clock clock, NotificationStore notifications) {
}
