package org.testbench.lab.mdms.api;

import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.testbench.lab.mdms.MdmsMeter;
import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.keys.KeyEnvelope;
import org.testbench.lab.mdms.keys.KeyExporter;
import org.testbench.lab.mdms.service.ServiceException;
import org.testbench.lab.mdms.store.MeterRegistry;

/** {@code exportMeterKeys}: the meter's keys leave the MDMS only inside a CMS envelope. */
final class KeyResource {

    private final MeterRegistry meters;
    private final KeyExporter exporter;

    KeyResource(MeterRegistry meters, KeyExporter exporter) {
        this.meters = meters;
        this.exporter = exporter;
    }

    List<Route> routes() {
        return List.of(Route.authenticated("POST", "/meters/{serial}/keys", "exportMeterKeys", this::export));
    }

    private Response export(Request request) {
        String serial = Parameters.serial(request);
        ObjectNode body = request.jsonObject(serial);
        Parameters.onlyKnown(body, Set.of("recipientCertificate"), serial);
        JsonNode certificate = body.get("recipientCertificate");
        if (certificate == null || certificate.isNull()) {
            throw ServiceException.badRequest("recipientCertificate: required", serial);
        }
        if (!certificate.isTextual()) {
            throw ServiceException.badRequest("recipientCertificate: must be a PEM string", serial);
        }
        MdmsMeter meter = meters.find(serial).orElseThrow(() -> ServiceException.meterNotFound(serial));
        KeyEnvelope envelope = exporter.export(serial, meter.keys(), certificate.asText());
        return Response.ok(new Bodies.KeyEnvelope(serial, Base64.getEncoder().encodeToString(envelope.envelope()),
                new Bodies.KeyFingerprints(envelope.encryptionKeyFingerprint(),
                        envelope.authenticationKeyFingerprint())));
    }
}
