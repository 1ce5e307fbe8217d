package org.testbench.lab.mdms.dialect.gridflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsMeter;
import org.testbench.lab.mdms.auth.AccessTokens;
import org.testbench.lab.mdms.auth.TokenEndpoint;
import org.testbench.lab.mdms.dialect.Fields;
import org.testbench.lab.mdms.dialect.MdmsServices;
import org.testbench.lab.mdms.events.Notification;
import org.testbench.lab.mdms.events.RejectedMessage;
import org.testbench.lab.mdms.http.FrontEnd;
import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.keys.KeyEnvelope;
import org.testbench.lab.mdms.service.ErrorCode;
import org.testbench.lab.mdms.service.LoadSwitchReading;
import org.testbench.lab.mdms.service.RegisterReading;
import org.testbench.lab.mdms.service.ServiceException;
import org.testbench.lab.mdms.store.Command;
import org.testbench.lab.mdms.store.CommandStatus;
import org.testbench.lab.mdms.store.Communication;

/**
 * The gridflow dialect ({@code samples/openapi/gridflow-hes-v2.yaml}) under {@code /api/v2}, and its OAuth2
 * token endpoint at {@code /oauth/token}. Devices are addressed by the MDMS's own ids, commands are jobs
 * answered 202 with a Location header, errors are problem+json.
 */
public final class GridflowApi {

    private static final String BASE = MdmsDialect.GRIDFLOW.basePath();
    /** OBIS as {@code A-B:C.D.E} with an optional {@code *F}. */
    private static final Pattern OBIS = Pattern.compile("(\\d{1,3})-(\\d{1,3}):(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})"
            + "(?:\\*(\\d{1,3}))?");
    private static final Pattern MESSAGE = Pattern.compile("[\\x20-\\x7E]{1,64}");

    private final MdmsServices services;
    private final DeviceIds ids;
    private final boolean noStatus;
    private final boolean hideFailures;

    private GridflowApi(MdmsServices services) {
        this.services = services;
        this.ids = new DeviceIds(services.meters());
        this.noStatus = services.settings().has(MdmsFault.NO_STATUS);
        this.hideFailures = services.settings().has(MdmsFault.GENERIC_200);
    }

    /** The front end; {@code tokens} are the ones its token endpoint issues and its operations accept. */
    public static FrontEnd frontEnd(MdmsServices services, AccessTokens tokens) {
        GridflowApi api = new GridflowApi(services);
        TokenEndpoint endpoint = new TokenEndpoint(MdmsDialect.OAUTH2_CLIENT_ID, services.settings().token(),
                MdmsDialect.OAUTH2_SCOPE, tokens);
        List<Route> routes = new ArrayList<>();
        routes.add(endpoint.route(MdmsDialect.TOKEN_PATH));
        routes.add(Route.open("GET", BASE + "/health", "getHealth", request -> Response.ok(Map.of("status", "UP"))));
        routes.add(Route.authenticated("GET", BASE + "/devices", "searchDevices", api::search));
        routes.add(Route.authenticated("GET", BASE + "/devices/{deviceId}", "getDevice", api::device));
        routes.add(Route.authenticated("GET", BASE + "/devices/{deviceId}/relay", "getRelayState", api::relay));
        routes.add(Route.authenticated("POST", BASE + "/devices/{deviceId}/relay/operations", "submitRelayOperation",
                api::relayOperation));
        routes.add(Route.authenticated("GET", BASE + "/jobs/{jobId}", "getJob", api::job));
        routes.add(Route.authenticated("GET", BASE + "/devices/{deviceId}/readings", "readDevice", api::readings));
        routes.add(Route.authenticated("GET", BASE + "/devices/{deviceId}/events", "listDeviceEvents", api::events));
        routes.add(Route.authenticated("POST", BASE + "/devices/{deviceId}/key-exports", "exportDeviceKeys",
                api::keys));
        routes.add(Route.authenticated("POST", BASE + "/devices/{deviceId}/billing-periods/close", "closeBillingPeriod",
                api::billing));
        routes.add(Route.authenticated("POST", BASE + "/devices/{deviceId}/display-messages", "sendDisplayMessage",
                api::display));
        routes.add(Route.authenticated("GET", BASE + "/devices/{deviceId}/notifications", "listDeviceNotifications",
                api::notifications));
        return new FrontEnd(routes, tokens, new ProblemJson());
    }

    private Response search(Request request) {
        Optional<String> serial = request.query("serialNumber");
        List<Map<String, Object>> items = services.meters().all().stream()
                .filter(meter -> serial.map(meter.serial()::equals).orElse(true))
                .map(this::device).toList();
        return Response.ok(Map.of("items", items, "total", items.size()));
    }

    private Response device(Request request) {
        String serial = ids.serialOf(request.path("deviceId"));
        return Response.ok(device(services.meters().find(serial).orElseThrow()));
    }

    private Map<String, Object> device(MdmsMeter meter) {
        Communication communication = services.meters().communication(meter.serial());
        Map<String, Object> connectivity = new LinkedHashMap<>();
        connectivity.put("state", communication.status().name());
        connectivity.put("lastSeen", Fields.time(communication.lastContact()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", ids.idOf(meter.serial()));
        body.put("serialNumber", meter.serial());
        body.put("manufacturer", meter.manufacturer());
        body.put("model", meter.model());
        body.put("firmwareVersion", meter.firmware());
        body.put("deviceType", "ELECTRICITY_METER");
        body.put("connectivity", connectivity);
        return body;
    }

    private Response relay(Request request) {
        String deviceId = request.path("deviceId");
        String serial = ids.serialOf(deviceId);
        if (noStatus) {
            return Response.empty(501);
        }
        LoadSwitchReading reading = services.readings().loadSwitch(serial);
        Map<String, Object> relay = new LinkedHashMap<>();
        // ON: the relay conducts, the customer is supplied.
        relay.put("state", reading.closed() ? "ON" : reading.armed() ? "ARMED" : "OFF");
        relay.put("source", reading.fromMeter() ? "DEVICE" : "CACHE");
        relay.put("readAt", Fields.time(reading.readAt()));
        return Response.ok(Map.of("deviceId", deviceId, "relay", relay));
    }

    private Response relayOperation(Request request) {
        String serial = ids.serialOf(request.path("deviceId"));
        ObjectNode body = request.jsonObject(serial);
        Fields.onlyKnown(body, Set.of("operation", "comment"), "", serial);
        ObjectNode operation = Fields.object(body, "operation", "", serial);
        Fields.onlyKnown(operation, Set.of("type"), "operation.", serial);
        String type = Fields.oneOf(operation, "type", Set.of("DISCONNECT", "RECONNECT"), "operation.", serial);
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isTextual()) {
            throw ServiceException.badRequest("comment: must be a string", serial);
        }
        return accepted(services.commands().switchLoad(serial, type.equals("RECONNECT")));
    }

    private Response billing(Request request) {
        return accepted(services.commands().newBillingPeriod(ids.serialOf(request.path("deviceId"))));
    }

    private Response display(Request request) {
        String serial = ids.serialOf(request.path("deviceId"));
        ObjectNode body = request.jsonObject(serial);
        Fields.onlyKnown(body, Set.of("message"), "", serial);
        ObjectNode message = Fields.object(body, "message", "", serial);
        Fields.onlyKnown(message, Set.of("text", "visible"), "message.", serial);
        JsonNode visible = message.get("visible");
        if (visible == null || !visible.isBoolean()) {
            throw ServiceException.badRequest("message.visible: required, true or false", serial);
        }
        String text = "";
        if (visible.asBoolean()) {
            JsonNode node = message.get("text");
            if (node == null || !node.isTextual() || !MESSAGE.matcher(node.asText()).matches()) {
                throw ServiceException.badRequest(
                        "message.text: required when visible is true, 1 to 64 printable ASCII characters", serial);
            }
            text = node.asText();
        }
        return accepted(services.commands().display(serial, text));
    }

    private Response accepted(Command command) {
        return new Response(202, job(command, false), Map.of("Location", BASE + "/jobs/" + command.id()), true);
    }

    private Response job(Request request) {
        if (noStatus) {
            return Response.empty(404);
        }
        return Response.ok(job(services.commands().find(Fields.uuid(request, "jobId")), hideFailures));
    }

    private Map<String, Object> job(Command command, boolean withoutFailures) {
        CommandStatus status = withoutFailures && command.status() == CommandStatus.FAILED ? CommandStatus.EXECUTED
                : command.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", command.id().toString());
        body.put("deviceId", ids.idOf(command.serial()));
        body.put("kind", switch (command.type()) {
            case LOAD_SWITCH_OPEN -> "RELAY_DISCONNECT";
            case LOAD_SWITCH_CLOSE -> "RELAY_RECONNECT";
            case BILLING_NEW_PERIOD -> "BILLING_PERIOD_CLOSE";
            case DISPLAY_MESSAGE -> "DISPLAY_MESSAGE";
        });
        body.put("status", switch (status) {
            case PENDING -> "QUEUED";
            case EXECUTED -> "SUCCEEDED";
            case FAILED -> "FAILED";
        });
        if (status == CommandStatus.FAILED) {
            command.failureReason().ifPresent(why -> body.put("error", Map.of("code", switch (why.code()) {
                case METER_UNREACHABLE -> "DEVICE_UNREACHABLE";
                case METER_REJECTED -> "DEVICE_REJECTED";
                case INTERNAL_ERROR -> "INTERNAL";
            }, "detail", why.message())));
        }
        body.put("submittedAt", Fields.time(command.createdAt()));
        body.put("finishedAt", Fields.time(command.completedAt()));
        return body;
    }

    private Response readings(Request request) {
        String deviceId = request.path("deviceId");
        String serial = ids.serialOf(deviceId);
        String obis = request.query("obis").orElseThrow(
                () -> ServiceException.badRequest("obis: required, e.g. 1-0:1.8.0", serial));
        RegisterReading reading = services.readings().readRegister(serial, dotted(obis, serial));
        Fields.Scaled scaled = Fields.kilo(reading.value(), reading.unit());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("obis", obis);
        item.put("value", scaled.value());
        item.put("unit", scaled.unit());
        item.put("measuredAt", Fields.time(reading.meterTimestamp()));
        item.put("receivedAt", Fields.time(reading.readTimestamp()));
        return Response.ok(Map.of("deviceId", deviceId, "readings", List.of(item)));
    }

    private static String dotted(String obis, String serial) {
        Matcher m = OBIS.matcher(obis);
        boolean valid = m.matches();
        if (valid) {
            for (int group = 1; group <= 6; group++) {
                valid &= m.group(group) == null || Integer.parseInt(m.group(group)) <= 255;
            }
        }
        if (!valid) {
            throw new ServiceException(ErrorCode.INVALID_OBIS, "Not an OBIS code",
                    "obis: expected A-B:C.D.E or A-B:C.D.E*F, was " + Fields.printable(obis), serial);
        }
        return m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4) + "." + m.group(5) + "."
                + (m.group(6) == null ? "255" : m.group(6));
    }

    private Response events(Request request) {
        String deviceId = request.path("deviceId");
        String serial = ids.serialOf(deviceId);
        Optional<Instant> from = Fields.instant(request, "from", serial);
        Optional<Instant> to = Fields.instant(request, "to", serial);
        List<Map<String, Object>> items = services.readings().events(serial, from, to).stream().map(event -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", event.eventId());
            item.put("code", event.code());
            item.put("text", event.description());
            item.put("occurredAt", Fields.time(event.meterTimestamp()));
            item.put("recordedAt", Fields.time(event.receivedAt()));
            return item;
        }).toList();
        return Response.ok(Map.of("deviceId", deviceId, "items", items));
    }

    private Response keys(Request request) {
        String deviceId = request.path("deviceId");
        String serial = ids.serialOf(deviceId);
        ObjectNode body = request.jsonObject(serial);
        Fields.onlyKnown(body, Set.of("recipient"), "", serial);
        ObjectNode recipient = Fields.object(body, "recipient", "", serial);
        Fields.onlyKnown(recipient, Set.of("certificatePem"), "recipient.", serial);
        JsonNode pem = recipient.get("certificatePem");
        if (pem == null || !pem.isTextual()) {
            throw ServiceException.badRequest("recipient.certificatePem: required, a PEM string", serial);
        }
        MdmsMeter meter = services.meters().find(serial).orElseThrow();
        KeyEnvelope envelope = services.keys().export(serial, meter.keys(), pem.asText());
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("cms", Base64.getEncoder().encodeToString(envelope.envelope()));
        export.put("fingerprints", Map.of("ek", envelope.encryptionKeyFingerprint(),
                "ak", envelope.authenticationKeyFingerprint()));
        return Response.ok(Map.of("deviceId", deviceId, "export", export));
    }

    private Response notifications(Request request) {
        String deviceId = request.path("deviceId");
        String serial = ids.serialOf(deviceId);
        List<Map<String, Object>> items = services.notifications().of(serial).stream().map(GridflowApi::body).toList();
        List<Map<String, Object>> rejected = services.notifications().rejectedOf(serial).stream()
                .map(GridflowApi::body).toList();
        return Response.ok(Map.of("deviceId", deviceId, "items", items, "rejected", rejected));
    }

    private static Map<String, Object> body(Notification n) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("eventId", n.eventId());
        item.put("code", n.code());
        item.put("type", n.type());
        item.put("obis", n.obis());
        item.put("meterTimestamp", Fields.time(n.meterTimestamp()));
        item.put("receivedAt", Fields.time(n.receivedAt()));
        item.put("storedAt", Fields.time(n.storedAt()));
        item.put("topic", n.topic());
        item.put("signatureChecked", n.signatureChecked());
        item.put("signatureValid", n.signatureValid());
        return item;
    }

    private static Map<String, Object> body(RejectedMessage r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("eventId", r.eventId());
        item.put("receivedAt", Fields.time(r.receivedAt()));
        item.put("topic", r.topic());
        item.put("reason", r.reason());
        item.put("detail", r.detail());
        item.values().removeIf(java.util.Objects::isNull);
        return item;
    }
}
