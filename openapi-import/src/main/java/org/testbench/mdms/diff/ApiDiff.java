package org.testbench.mdms.diff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.HttpMethod;
import org.testbench.mdms.catalog.OperationKey;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.catalog.internal.ParsedSpec;
import org.testbench.mdms.catalog.internal.SpecReader;
import org.testbench.mdms.diff.internal.ChangeDescriber;

/**
 * Compares two versions of an API with openapi-diff: endpoints added, removed and changed, each
 * classified breaking or compatible, with sentences for people; and, through
 * {@link ApiDiffReport#bindingImpact}, which binding entries the new version breaks.
 */
public final class ApiDiff {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDiff.class);

    private final SpecImporter importer;

    private ApiDiff(SpecImporter importer) {
        this.importer = importer;
    }

    /** Reads both files with the importer's limits (the same reading as {@link SpecImporter#importFile}). */
    public static ApiDiff using(SpecImporter importer) {
        return new ApiDiff(importer);
    }

    public static ApiDiffReport compare(Path oldSpec, Path newSpec) throws SpecImportException {
        return using(SpecImporter.defaults()).files(oldSpec, newSpec);
    }

    /**
     * Compares two imported catalogs. openapi-diff works on the parser's model, which a catalog does not
     * keep, so both files are read again; a file that changed since its import is refused.
     */
    public static ApiDiffReport compare(ApiCatalog oldCatalog, ApiCatalog newCatalog) throws SpecImportException {
        return using(SpecImporter.defaults()).catalogs(oldCatalog, newCatalog);
    }

    public ApiDiffReport files(Path oldSpec, Path newSpec) throws SpecImportException {
        SpecReader reader = reader();
        return diff(reader.read(oldSpec), reader.read(newSpec));
    }

    public ApiDiffReport catalogs(ApiCatalog oldCatalog, ApiCatalog newCatalog) throws SpecImportException {
        SpecReader reader = reader();
        return diff(reread(reader, oldCatalog), reread(reader, newCatalog));
    }

    private SpecReader reader() {
        return new SpecReader(importer.maxFileSize(), importer.allowsRemoteReferences());
    }

    private static ParsedSpec reread(SpecReader reader, ApiCatalog catalog) throws SpecImportException {
        ParsedSpec parsed = reader.read(catalog.source().file());
        if (!parsed.catalog().source().sha256().equals(catalog.source().sha256())) {
            throw new SpecImportException(SpecImportException.Problem.UNREADABLE, catalog.source().file(), null,
                    "the file changed since it was imported (SHA-256 was " + catalog.source().sha256() + ", is now "
                            + parsed.catalog().source().sha256() + "): import it again");
        }
        return parsed;
    }

    private static ApiDiffReport diff(ParsedSpec oldSpec, ParsedSpec newSpec) {
        long started = System.nanoTime();
        ChangedOpenApi diff = OpenApiCompare.fromSpecifications(oldSpec.model(), newSpec.model());
        List<EndpointChange> changes = new ArrayList<>();
        for (Endpoint endpoint : diff.getMissingEndpoints()) {
            OperationKey key = key(endpoint.getMethod(), endpoint.getPathUrl());
            Optional<String> id = Optional.ofNullable(endpoint.getOperation().getOperationId());
            List<ChangeDetail> where = id.flatMap(i -> newSpec.catalog().operation(i))
                    .map(moved -> List.of(new ChangeDetail(Compatibility.BREAKING,
                            "operationId " + moved.name() + " is now " + moved.key())))
                    .orElse(List.of());
            changes.add(new EndpointChange(EndpointChange.Kind.REMOVED, key, id, Compatibility.BREAKING, where));
        }
        for (ChangedOperation operation : diff.getChangedOperations()) {
            List<ChangeDetail> details = ChangeDescriber.describe(operation);
            boolean breaking = operation.isIncompatible()
                    || details.stream().anyMatch(d -> d.compatibility() == Compatibility.BREAKING);
            if (details.isEmpty()) {
                continue;
            }
            OperationKey key = key(operation.getHttpMethod(), operation.getPathUrl());
            Optional<String> id = Optional.ofNullable(operation.getNewOperation().getOperationId());
            changes.add(new EndpointChange(EndpointChange.Kind.CHANGED, key, id,
                    breaking ? Compatibility.BREAKING : Compatibility.COMPATIBLE, details));
        }
        for (Endpoint endpoint : diff.getNewEndpoints()) {
            changes.add(new EndpointChange(EndpointChange.Kind.ADDED, key(endpoint.getMethod(), endpoint.getPathUrl()),
                    Optional.ofNullable(endpoint.getOperation().getOperationId()), Compatibility.COMPATIBLE, List.of()));
        }
        changes.addAll(renamedTemplates(oldSpec.catalog(), newSpec.catalog(), changes));
        changes.sort(Comparator.comparing(EndpointChange::kind, Comparator.comparingInt(ApiDiff::order))
                .thenComparing(EndpointChange::key));
        LOG.debug("Compared {} with {} in {} ms: {} changes", oldSpec.catalog().source().file(),
                newSpec.catalog().source().file(), (System.nanoTime() - started) / 1_000_000, changes.size());
        return new ApiDiffReport(oldSpec.catalog(), newSpec.catalog(), changes);
    }

    /**
     * openapi-diff matches paths with their parameter names blanked out, so {@code /registers/{obis}}
     * renamed to {@code /registers/{registerCode}} is no change on the wire and not reported. A binding
     * sets parameters by name, so the rename matters here: report it, as a compatible change.
     */
    private static List<EndpointChange> renamedTemplates(ApiCatalog oldCatalog, ApiCatalog newCatalog,
                                                         List<EndpointChange> reported) {
        List<EndpointChange> renamed = new ArrayList<>();
        for (var op : newCatalog.operations()) {
            Optional<ApiOperation> was = op.operationId().flatMap(oldCatalog::operation);
            if (was.isEmpty() || was.get().key().equals(op.key()) || !sameShape(was.get().key(), op.key())) {
                continue;
            }
            ChangeDetail detail = new ChangeDetail(Compatibility.COMPATIBLE, "path template changed from "
                    + was.get().path() + " to " + op.path() + " (same URLs: path parameters renamed)");
            Optional<EndpointChange> existing = reported.stream().filter(c -> c.key().equals(op.key())
                    || c.key().equals(was.get().key())).findFirst();
            if (existing.isPresent()) {
                EndpointChange e = existing.get();
                List<ChangeDetail> details = new ArrayList<>(e.details());
                details.add(detail);
                reported.set(reported.indexOf(e), new EndpointChange(e.kind(), op.key(), e.operationId(),
                        e.compatibility(), details));
            } else {
                renamed.add(new EndpointChange(EndpointChange.Kind.CHANGED, op.key(), op.operationId(),
                        Compatibility.COMPATIBLE, List.of(detail)));
            }
        }
        return renamed;
    }

    private static boolean sameShape(OperationKey a, OperationKey b) {
        return a.method() == b.method()
                && a.path().replaceAll("\\{[^}]*}", "{}").equals(b.path().replaceAll("\\{[^}]*}", "{}"));
    }

    private static int order(EndpointChange.Kind kind) {
        return switch (kind) {
            case REMOVED -> 0;
            case CHANGED -> 1;
            case ADDED -> 2;
        };
    }

    private static OperationKey key(io.swagger.v3.oas.models.PathItem.HttpMethod method, String path) {
        return new OperationKey(HttpMethod.parse(method.name()), path);
    }
}
