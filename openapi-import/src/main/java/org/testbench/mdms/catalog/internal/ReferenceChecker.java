package org.testbench.mdms.catalog.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.testbench.mdms.catalog.SpecImportException.Problem;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.internal.LocatedTree;

/**
 * Checks every {@code $ref} of the main document before the parser runs. swagger-parser reports a
 * dangling reference, if at all, as a path without a line ("could not find …") or leaves a null schema
 * behind; here the message carries the line and the names that do exist.
 */
final class ReferenceChecker {

    private static final int NAMES_SHOWN = 12;

    private final Path file;
    private final boolean allowRemote;

    ReferenceChecker(Path file, boolean allowRemote) {
        this.file = file;
        this.allowRemote = allowRemote;
    }

    /** Whether any reference leaves the document (another file or a URL). */
    static boolean hasExternalReferences(LocatedTree tree) {
        return tree.references().stream().anyMatch(r -> !r.target().startsWith("#"));
    }

    void check(LocatedTree tree) throws SpecImportException {
        for (LocatedTree.Reference ref : tree.references()) {
            String target = ref.target();
            if (target.startsWith("#")) {
                checkLocal(tree.root(), ref);
            } else if (isRemote(target)) {
                if (!allowRemote) {
                    throw new SpecImportException(Problem.UNRESOLVED_REFERENCE, file, ref.location(),
                            "$ref '" + target + "' points to the network; the importer does not fetch remote"
                                    + " references unless allowed (SpecImporter.allowingRemoteReferences())");
                }
            } else {
                checkFile(ref);
            }
        }
    }

    private static boolean isRemote(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private void checkLocal(JsonNode root, LocatedTree.Reference ref) throws SpecImportException {
        String fragment = URLDecoder.decode(ref.target().substring(1), StandardCharsets.UTF_8);
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(fragment);
        } catch (IllegalArgumentException e) {
            throw new SpecImportException(Problem.UNRESOLVED_REFERENCE, file, ref.location(),
                    "$ref '" + ref.target() + "' is not a JSON Pointer (expected '#/components/…')");
        }
        if (!root.at(pointer).isMissingNode()) {
            return;
        }
        // Name the deepest part that exists and what it holds, so a typo is obvious.
        JsonPointer existing = pointer.head();
        while (existing != null && root.at(existing).isMissingNode()) {
            existing = existing.head();
        }
        String hint = "";
        if (existing != null) {
            JsonNode parent = root.at(existing);
            List<String> names = new ArrayList<>();
            parent.fieldNames().forEachRemaining(names::add);
            if (!names.isEmpty()) {
                String where = existing.toString().isEmpty() ? "the top level" : "'#" + existing + "'";
                hint = "; " + where + " holds "
                        + String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())))
                        + (names.size() > NAMES_SHOWN ? ", …" : "");
            }
        }
        throw new SpecImportException(Problem.UNRESOLVED_REFERENCE, file, ref.location(),
                "$ref '" + ref.target() + "' points to nothing in this document" + hint);
    }

    private void checkFile(LocatedTree.Reference ref) throws SpecImportException {
        String target = ref.target();
        int hash = target.indexOf('#');
        String filePart = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        if (filePart.toLowerCase(Locale.ROOT).startsWith("file:")) {
            filePart = filePart.substring("file:".length());
        }
        Path base = file.toAbsolutePath().getParent();
        Path referenced;
        try {
            referenced = base.resolve(filePart).normalize();
        } catch (InvalidPathException e) {
            throw new SpecImportException(Problem.UNRESOLVED_REFERENCE, file, ref.location(),
                    "$ref '" + target + "' is not a usable file name");
        }
        if (!Files.isRegularFile(referenced)) {
            throw new SpecImportException(Problem.UNRESOLVED_REFERENCE, file, ref.location(),
                    "$ref '" + target + "' names file " + referenced + ", which does not exist");
        }
    }
}
