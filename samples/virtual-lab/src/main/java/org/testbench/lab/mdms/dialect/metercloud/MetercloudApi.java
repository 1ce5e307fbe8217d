package org.testbench.lab.mdms.dialect.metercloud;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsMeter;
import org.testbench.lab.mdms.auth.ApiKeyOrBasic;
import org.testbench.lab.mdms.dialect.Fields;
import org.testbench.lab.mdms.dialect.MdmsServices;
import org.testbench.lab.mdms.events.Notification;
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
 * The metercloud dialect ({@code samples/openapi/metercloud-v1.yaml}) under {@code /v1}: meters as
 * {@code MTR-<serial>}, supply {@code connected}/{@code disconnected}, requests answered 202 with their status
 * URL in the body (no Location), energy in kWh without a unit, OBIS in hex, lower-case nested errors, an API key
 * ({@code X-Api-Key}, {@code ?api_key=}, cookie {@code mc_api_key}) or HTTP basic.
 */
public final class MetercloudApi {

    public static final String API_KEY_HEADER = "X-Api-Key";
    public static final String API_KEY_QUERY = "api_key";
    public static final String API_KEY_COOKIE = "mc_api_key";

    private static final String BASE = MdmsDialect.METERCLOUD.basePath();
    private static final String PREFIX = "MTR-";
    private static final Pattern METER_ID = Pattern.compile("MTR-[0-9A-Za-z]{1,32}");
    private static final Pattern OBIS_HEX = Pattern.compile("[0-9A-Fa-f]{12}");
    private static final Pattern TEXT = Pattern.compile("[\\x20-\\x7E]{1,64}");

    private final MdmsServices services;
    private final boolean noStatus;
    private final boolean hideFailures;

    private MetercloudApi(MdmsServices services) {
        this.services = services;
        this.noStatus = services.settings().has(MdmsFault.NO_STATUS);
        this.hideFailures = services.settings().has(MdmsFault.GENERIC_200);
    }

    public static FrontEnd frontEnd(MdmsServices services) {
        MetercloudApi api = new MetercloudApi(services);
        List<Route> routes = new ArrayList<>();
        routes.add(Route.open("GET", BASE + "/status", "getStatus", request -> Response.ok(Map.of("ok", true))));
        routes.add(Route.authenticated("GET", BASE + "/meters/{meterId}", "getMeter", api::meter));
        routes.add(Route.authenticated("GET", BASE + "/meters/{meterId}/supply", "getSupply", api::supply));
        routes.add(Route.authenticated("POST", BASE + "/meters/{meterId}/supply", "changeSupply", api::changeSupply));
        routes.add(Route.authenticated("GET", BASE + "/requests/{requestId}", "getRequest", api::request));
        routes.add(Route.authenticated("GET", BASE + "/meters/{meterId}/registers/{obisHex}", "getRegister",
                api::register));
        routes.add(Route.authenticated("GET", BASE + "/meters/{meterId}/events", "getEvents", api::events));
        routes.add(Route.authenticated("POST", BASE + "/meters/{meterId}/keys", "exportKeys", api::keys));
        routes.add(Route.authenticated("POST", BASE + "/meters/{meterId}/billing-reset", "resetBilling",
                api::billing));
        routes.add(Route.authenticated("POST", BASE + "/meters/{meterId}/message", "showMessage", api::message));
        routes.add(Route.authenticated("GET", BASE + "/meters/{meterId}/pushed-events", "getPushedEvents",
                api::pushed));
        return new FrontEnd(routes, new ApiKeyOrBasic(API_KEY_HEADER.toLowerCase(Locale.ROOT), API_KEY_QUERY,
                API_KEY_COOKIE, MdmsDialect.BASIC_USER, services.settings().token()), new NestedErrors());
    }

    /** The serial behind a meter id; 400 for a malformed id, 404 for an unknown meter. */
    private String serial(Request request) {
        String id = request.path("meterId");
        if (!METER_ID.matcher(id).matches()) {
            throw ServiceException.badRequest("meterId: must be MTR- and 1 to 32 letters or digits, was "
                    + Fields.printable(id), null);
        }
        String serial = id.substring(PREFIX.length());
        if (services.meters().find(serial).isEmpty()) {
            throw new ServiceException(ErrorCode.METER_NOT_FOUND, "Unknown meter", "meterId: no meter " + id, serial);
        }
        return serial;
    }

    private Response meter(Request request) {
        String serial = serial(request);
        MdmsMeter meter = services.meters().find(serial).orElseThrow();
        Communication communication = services.meters().communication(serial);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", PREFIX + serial);
        body.put("serial", serial);
        body.put("make", meter.manufacturer());
        body.put("model", meter.model());
        body.put("firmware", meter.firmware());
        body.put("status", communication.status().name().toLowerCase(Locale.ROOT));
        body.put("lastSeenAt", Fields.time(communication.lastContact()));
        return Response.ok(body);
    }

    private Response supply(Request request) {
        String serial = serial(request);
        if (noStatus) {
            return Response.empty(501);
        }
        LoadSwitchReading reading = services.readings().loadSwitch(serial);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", PREFIX + serial);
        body.put("supply", reading.closed() ? "connected" : reading.armed() ? "armed" : "disconnected");
        body.put("cached", !reading.fromMeter());
        body.put("readAt", Fields.time(reading.readAt()));
        return Response.ok(body);
    }

    private Response changeSupply(Request request) {
        String serial = serial(request);
        ObjectNode body = request.jsonObject(serial);
        Fields.onlyKnown(body, Set.of("target"), "", serial);
        String target = Fields.oneOf(body, "target", Set.of("connected", "disconnected"), "", serial);
        return accepted(services.commands().switchLoad(serial, target.equals("connected")));
    }

    private Response billing(Request request) {
        return accepted(services.commands().newBillingPeriod(serial(request)));
    }

    private Response message(Request request) {
        String serial = serial(request);
        ObjectNode body = request.jsonObject(serial);
        Fields.onlyKnown(body, Set.of("text", "show"), "", serial);
        JsonNode show = body.get("show");
        if (show == null || !show.isBoolean()) {
            throw ServiceException.badRequest("show: required, true or false", serial);
        }
        String text = "";
        if (show.asBoolean()) {
            JsonNode node = body.get("text");
            if (node == null || !node.isTextual() || !TEXT.matcher(node.asText()).matches()) {
                throw ServiceException.badRequest("text: required when show is true, 1 to 64 printable ASCII "
                        + "characters", serial);
            }
            text = node.asText();
        }
        return accepted(services.commands().display(serial, text));
    }

    /** 202 with the status URL in the body only: this MDMS sends no Location header. */
    private Response accepted(Command command) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request", Map.of("id", command.id().toString(), "state", "queued"));
        body.put("links", Map.of("status", BASE + "/requests/" + command.id()));
        return new Response(202, body, Map.of(), true);
    }

    private Response request(Request request) {
        if (noStatus) {
            return Response.empty(404);
        }
        Command command = services.commands().find(Fields.uuid(request, "requestId"));
        CommandStatus status = hideFailures && command.status() == CommandStatus.FAILED ? CommandStatus.EXECUTED
                : command.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", command.id().toString());
        body.put("meterId", PREFIX + command.serial());
        body.put("action", switch (command.type()) {
            case LOAD_SWITCH_OPEN -> "supply.disconnect";
            case LOAD_SWITCH_CLOSE -> "supply.connect";
            case BILLING_NEW_PERIOD -> "billing.reset";
            case DISPLAY_MESSAGE -> "display.message";
        });
        body.put("state", switch (status) {
            case PENDING -> "queued";
            case EXECUTED -> "completed";
            case FAILED -> "failed";
        });
        if (status == CommandStatus.FAILED) {
            command.failureReason().ifPresent(why -> body.put("failure", Map.of(
                    "reason", why.code().name().toLowerCase(Locale.ROOT), "text", why.message())));
        }
        body.put("createdAt", Fields.time(command.createdAt()));
        body.put("doneAt", Fields.time(command.completedAt()));
        return Response.ok(body);
    }

    private Response register(Request request) {
        String serial = serial(request);
        String hex = request.path("obisHex");
        if (!OBIS_HEX.matcher(hex).matches()) {
            throw new ServiceException(ErrorCode.INVALID_OBIS, "Not an OBIS code",
                    "obisHex: expected 12 hex digits (six bytes A..F), was " + Fields.printable(hex), serial);
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        StringBuilder dotted = new StringBuilder();
        for (byte b : bytes) {
            dotted.append(dotted.isEmpty() ? "" : ".").append(b & 0xFF);
        }
        RegisterReading reading = services.readings().readRegister(serial, dotted.toString());
        // The unit is implicit: energy in kilo-units, as the document says; nothing on the wire names it.
        Fields.Scaled scaled = Fields.kilo(reading.value(), reading.unit());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", PREFIX + serial);
        body.put("register", hex.toUpperCase(Locale.ROOT));
        body.put("value", scaled.value());
        body.put("meterTime", Fields.time(reading.meterTimestamp()));
        body.put("readAt", Fields.time(reading.readTimestamp()));
        return Response.ok(body);
    }

    private Response events(Request request) {
        String serial = serial(request);
        List<Map<String, Object>> events = services.readings().events(serial, Optional.empty(), Optional.empty())
                .stream().map(event -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", event.eventId());
                    item.put("code", event.code());
                    item.put("label", event.description());
                    item.put("at", Fields.time(event.meterTimestamp()));
                    item.put("seenAt", Fields.time(event.receivedAt()));
                    return item;
                }).toList();
        return Response.ok(Map.of("meterId", PREFIX + serial, "events", events));
    }

    private Response keys(Request request) {
        String serial = serial(request);
        ObjectNode body = request.jsonObject(serial);
        Fields.onlyKnown(body, Set.of("certificate"), "", serial);
        JsonNode pem = body.get("certificate");
        if (pem == null || !pem.isTextual()) {
            throw ServiceException.badRequest("certificate: required, a PEM string", serial);
        }
        MdmsMeter meter = services.meters().find(serial).orElseThrow();
        KeyEnvelope envelope = services.keys().export(serial, meter.keys(), pem.asText());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("meterId", PREFIX + serial);
        answer.put("cms", Base64.getEncoder().encodeToString(envelope.envelope()));
        answer.put("ekFingerprint", envelope.encryptionKeyFingerprint());
        answer.put("akFingerprint", envelope.authenticationKeyFingerprint());
        return Response.ok(answer);
    }

    private Response pushed(Request request) {
        String serial = serial(request);
        List<Map<String, Object>> items = services.notifications().of(serial).stream().map(MetercloudApi::body)
                .toList();
        List<Map<String, Object>> rejected = services.notifications().rejectedOf(serial).stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("eventId", r.eventId());
            item.put("receivedAt", Fields.time(r.receivedAt()));
            item.put("reason", r.reason());
            item.values().removeIf(java.util.Objects::isNull);
            return item;
        }).toList();
        return Response.ok(Map.of("meterId", PREFIX + serial, "items", items, "rejected", rejected));
    }

    private static Map<String, Object> body(Notification n) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("eventId", n.eventId());
        item.put("code", n.code());
        item.put("type", n.type());
        item.put("meterTimestamp", Fields.time(n.meterTimestamp()));
        item.put("receivedAt", Fields.time(n.receivedAt()));
        item.put("storedAt", Fields.time(n.storedAt()));
        item.put("signatureChecked", n.signatureChecked());
        item.put("signatureValid", n.signatureValid());
        return item;
    }
}
