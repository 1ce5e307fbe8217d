package org.testbench.mdms.diff.internal;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedList;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.testbench.mdms.diff.ChangeDetail;
import org.testbench.mdms.diff.Compatibility;

/**
 * Puts openapi-diff's change tree into sentences an engineer can read, one per change, each classified
 * with openapi-diff's own verdict (its {@code isIncompatible()} for the element that changed).
 */
public final class ChangeDescriber {

    private final List<ChangeDetail> details = new ArrayList<>();

    private ChangeDescriber() {
    }

    public static List<ChangeDetail> describe(ChangedOperation operation) {
        ChangeDescriber d = new ChangeDescriber();
        d.operation(operation);
        if (d.details.isEmpty() && operation.isDifferent()) {
            // What has no sentence here is documentation: descriptions, examples, extensions.
            d.add(operation, "documentation changed (descriptions, examples or extensions)");
        }
        return List.copyOf(d.details);
    }

    private void operation(ChangedOperation op) {
        if (op.getOperationId() != null && op.getOperationId().isDifferent()) {
            add(op.getOperationId(), "operationId changed from " + op.getOperationId().getLeft() + " to "
                    + op.getOperationId().getRight());
        }
        if (op.isDeprecated()) {
            details.add(new ChangeDetail(Compatibility.COMPATIBLE, "is now deprecated"));
        }
        if (op.getParameters() != null) {
            parameters(op.getParameters());
        }
        if (op.getRequestBody() != null) {
            requestBody(op.getRequestBody());
        }
        if (op.getApiResponses() != null) {
            responses(op.getApiResponses());
        }
        if (op.getSecurityRequirements() != null && op.getSecurityRequirements().isDifferent()) {
            add(op.getSecurityRequirements(), "security requirements changed");
        }
    }

    private void parameters(ChangedParameters parameters) {
        for (Parameter p : parameters.getIncreased()) {
            boolean required = Boolean.TRUE.equals(p.getRequired());
            details.add(new ChangeDetail(required ? Compatibility.BREAKING : Compatibility.COMPATIBLE,
                    "new " + (required ? "required " : "optional ") + p.getIn() + " parameter '" + p.getName() + "'"));
        }
        for (Parameter p : parameters.getMissing()) {
            details.add(new ChangeDetail(Compatibility.BREAKING, p.getIn() + " parameter '" + p.getName() + "' was removed"));
        }
        for (ChangedParameter p : parameters.getChanged()) {
            String name = p.getIn() + " parameter '" + p.getName() + "'";
            if (p.isChangeRequired()) {
                boolean nowRequired = p.getNewParameter() != null && Boolean.TRUE.equals(p.getNewParameter().getRequired());
                details.add(new ChangeDetail(nowRequired ? Compatibility.BREAKING : Compatibility.COMPATIBLE,
                        name + (nowRequired ? " is now required" : " is no longer required")));
            }
            if (p.isDeprecated()) {
                details.add(new ChangeDetail(Compatibility.COMPATIBLE, name + " is now deprecated"));
            }
            if (p.getSchema() != null) {
                schema(p.getSchema(), name);
            }
        }
    }

    private void requestBody(ChangedRequestBody body) {
        if (body.getOldRequestBody() == null && body.getNewRequestBody() != null) {
            add(body, "now takes a request body");
            return;
        }
        if (body.getNewRequestBody() == null && body.getOldRequestBody() != null) {
            add(body, "no longer takes a request body");
            return;
        }
        if (body.isChangeRequired()) {
            add(body, "the request body is now " + (Boolean.TRUE.equals(body.getNewRequestBody().getRequired())
                    ? "required" : "optional"));
        }
        if (body.getContent() != null) {
            content(body.getContent(), "request body");
        }
    }

    private void responses(ChangedApiResponse responses) {
        responses.getIncreased().keySet().forEach(code -> details.add(
                new ChangeDetail(Compatibility.COMPATIBLE, "documents a new " + code + " response")));
        responses.getMissing().keySet().forEach(code -> details.add(
                new ChangeDetail(Compatibility.BREAKING, "no longer documents the " + code + " response")));
        for (Map.Entry<String, ChangedResponse> e : responses.getChanged().entrySet()) {
            if (e.getValue().getContent() != null) {
                content(e.getValue().getContent(), e.getKey() + " response");
            }
        }
    }

    private void content(ChangedContent content, String where) {
        content.getIncreased().keySet().forEach(type -> details.add(
                new ChangeDetail(Compatibility.COMPATIBLE, where + " may now be " + type)));
        content.getMissing().keySet().forEach(type -> add(content, where + " is no longer " + type));
        content.getChanged().forEach((type, media) -> {
            if (media.getSchema() != null) {
                schema(media.getSchema(), where);
            }
        });
    }

    /** @param where what the schema belongs to, e.g. {@code 200 response} or {@code query parameter 'limit'} */
    private void schema(ChangedSchema s, String where) {
        schema(s, where, "");
    }

    private void schema(ChangedSchema s, String where, String path) {
        String at = path.isEmpty() ? where : where + " " + path;
        boolean response = s.getContext() != null && s.getContext().isResponse();
        if (s.isChangedType()) {
            details.add(new ChangeDetail(Compatibility.BREAKING, at + ": type changed from " + type(s.getOldSchema())
                    + " to " + type(s.getNewSchema())));
        }
        List<String> oldRequired = s.getOldSchema() == null || s.getOldSchema().getRequired() == null
                ? List.of() : s.getOldSchema().getRequired();
        List<String> newRequired = s.getNewSchema() == null || s.getNewSchema().getRequired() == null
                ? List.of() : s.getNewSchema().getRequired();
        for (String name : s.getIncreasedProperties().keySet()) {
            boolean required = newRequired.contains(name);
            Compatibility c = !response && required ? Compatibility.BREAKING : Compatibility.COMPATIBLE;
            details.add(new ChangeDetail(c, where + ": new " + (required ? "required" : "optional") + " property "
                    + path + "/" + name));
        }
        for (String name : s.getMissingProperties().keySet()) {
            // openapi-diff's rule: a response losing a required property breaks clients; anything else does not.
            Compatibility c = response && oldRequired.contains(name) ? Compatibility.BREAKING : Compatibility.COMPATIBLE;
            details.add(new ChangeDetail(c, where + ": property " + path + "/" + name + " was removed"));
        }
        for (Map.Entry<String, ChangedSchema> e : s.getChangedProperties().entrySet()) {
            schema(e.getValue(), where, path + "/" + e.getKey());
        }
        if (s.getItems() != null) {
            schema(s.getItems(), where, path + "/0");
        }
        list(s.getEnumeration(), at, "allows new values", "no longer allows");
        if (s.getRequired() != null && s.getRequired().isDifferent()) {
            // Properties that are new or gone were described above; here only those that stayed.
            List<String> nowRequired = s.getRequired().getIncreased().stream()
                    .filter(n -> !s.getIncreasedProperties().containsKey(n)).toList();
            List<String> noLongerRequired = s.getRequired().getMissing().stream()
                    .filter(n -> !s.getMissingProperties().containsKey(n)).toList();
            if (!nowRequired.isEmpty()) {
                add(s.getRequired(), at + ": now requires " + quoted(nowRequired));
            }
            if (!noLongerRequired.isEmpty()) {
                add(s.getRequired(), at + ": no longer requires " + quoted(noLongerRequired));
            }
        }
        constraint(s.getMaxLength(), at, "maximum length");
        constraint(s.getNumericRange(), at, "numeric range");
        constraint(s.getNullable(), at, "nullability");
        constraint(s.getReadOnly(), at, "readOnly");
        constraint(s.getWriteOnly(), at, "writeOnly");
        constraint(s.getMaxItems(), at, "maximum number of items");
        constraint(s.getMinItems(), at, "minimum number of items");
        if (s.isChangeFormat()) {
            details.add(new ChangeDetail(Compatibility.COMPATIBLE, at + ": format changed from "
                    + format(s.getOldSchema()) + " to " + format(s.getNewSchema())));
        }
    }

    private void list(ChangedList<?> list, String at, String increased, String missing) {
        if (list == null || !list.isDifferent()) {
            return;
        }
        if (!list.getIncreased().isEmpty()) {
            add(list, at + ": " + increased + " " + list.getIncreased().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")));
        }
        if (!list.getMissing().isEmpty()) {
            add(list, at + ": " + missing + " " + list.getMissing().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")));
        }
    }

    private void constraint(Changed changed, String at, String what) {
        if (changed != null && changed.isDifferent()) {
            add(changed, at + ": " + what + " changed");
        }
    }

    private void add(Changed changed, String sentence) {
        details.add(new ChangeDetail(changed.isIncompatible() ? Compatibility.BREAKING : Compatibility.COMPATIBLE, sentence));
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private static String type(Schema<?> schema) {
        if (schema == null) {
            return "nothing";
        }
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() != null ? String.join("|", schema.getTypes()) : Objects.toString(schema.get$ref(), "any");
    }

    private static String format(Schema<?> schema) {
        return schema == null || schema.getFormat() == null ? "none" : schema.getFormat();
    }
}
