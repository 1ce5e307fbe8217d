package org.testbench.lab.mdms.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.testbench.lab.mdms.MdmsMeter;
import org.testbench.lab.mdms.store.Command;
import org.testbench.lab.mdms.store.CommandStatus;
import org.testbench.lab.mdms.store.Communication;

/** The JSON shapes of mdms-v1.yaml's response schemas, one record per schema. */
final class Bodies {

    private Bodies() {
    }

    /** RFC 3339 in UTC, to the millisecond. */
    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    record Health(String status, String version, String time) {
    }

    record MeterPage(List<MeterSummary> meters, int total, int limit, int offset) {
    }

    record MeterSummary(String serial, String manufacturer, String model, String meterType,
            CommunicationState communication) {

        static MeterSummary of(MdmsMeter meter, Communication communication) {
            return new MeterSummary(meter.serial(), meter.manufacturer(), meter.model(), meter.meterType(),
                    CommunicationState.of(communication));
        }
    }

    record Meter(String serial, Nameplate nameplate, CommunicationState communication) {

        static Meter of(MdmsMeter meter, Communication communication) {
            return new Meter(meter.serial(), new Nameplate(meter.manufacturer(), meter.model(), meter.serial(),
                    meter.firmware(), meter.meterType()), CommunicationState.of(communication));
        }
    }

    record Nameplate(String manufacturer, String model, String serial, String firmware, String meterType) {
    }

    record CommunicationState(String status, String lastContact) {

        static CommunicationState of(Communication communication) {
            return new CommunicationState(communication.status().name(), time(communication.lastContact()));
        }
    }

    record LoadSwitchStatus(String serial, String state, String source, String readAt) {
    }

    record CommandState(String commandId, String serial, String type, String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) Reason reason, String createdAt, String completedAt) {

        static CommandState of(Command command) {
            return new CommandState(command.id().toString(), command.serial(), command.type().name(),
                    command.status().name(),
                    command.failureReason().map(why -> new Reason(why.code().name(), why.message())).orElse(null),
                    time(command.createdAt()), time(command.completedAt()));
        }

        /** What an MDMS that never admits a failure shows: done is done. */
        static CommandState withoutFailures(Command command) {
            CommandState truth = of(command);
            if (command.status() != CommandStatus.FAILED) {
                return truth;
            }
            return new CommandState(truth.commandId(), truth.serial(), truth.type(), CommandStatus.EXECUTED.name(),
                    null, truth.createdAt(), truth.completedAt());
        }
    }

    record Reason(String code, String message) {
    }

    record RegisterReading(String serial, String obis, double value, String unit, String meterTimestamp,
            String readTimestamp) {
    }

    record EventList(String serial, List<Event> events) {
    }

    record Event(String eventId, int code, String description, String meterTimestamp, String receivedAt) {
    }

    record KeyEnvelope(String serial, String envelope, KeyFingerprints keyFingerprints) {
    }

    record KeyFingerprints(String ek, String ak) {
    }

    record EventNotificationList(String serial, List<EventNotification> notifications,
            List<RejectedNotification> rejected) {
    }

    record EventNotification(String eventId, int code, String type, String obis, String meterTimestamp,
            String receivedAt, String storedAt, String topic, boolean signatureChecked, boolean signatureValid) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record RejectedNotification(String eventId, String receivedAt, String topic, String reason, String detail) {
    }
}
