package org.testbench.sequences.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.testbench.sequences.results.Sha256;

/**
 * Checks an {@link EvidenceBundle}: every member against the manifest's SHA-256, no member the manifest does not
 * list, none listed that is missing, and the manifest's signature (which makes the hashes worth something).
 */
public final class BundleVerifier {

    /** The largest member read (the reports of a big run are a few MB; a ZIP bomb is not read to the end). */
    private static final long MEMBER_LIMIT = 512L * 1024 * 1024;

    private final SignatureVerifier signatures;

    public BundleVerifier(SignatureVerifier signatures) {
        this.signatures = signatures;
    }

    /**
     * @param valid every member matches, and the manifest's signature (if any) is valid
     * @param members how many members the manifest lists
     * @param signature the manifest signature's verification; empty for an unsigned bundle
     * @param message one sentence: what holds, or the first thing wrong (naming the member)
     */
    public record Result(boolean valid, Path file, int members, Optional<Verification> signature, String message) {
    }

    /** Whether the file starts like a ZIP (a bundle), whatever its name. */
    public static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @throws ReportException when the file is missing, is not a ZIP, or has no readable manifest (bad input)
     */
    public Result verify(Path zip) throws ReportException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                byte[] content = in.readNBytes((int) Math.min(MEMBER_LIMIT, Integer.MAX_VALUE - 8));
                if (members.put(e.getName(), content) != null) {
                    duplicates.add(e.getName());
                }
            }
        } catch (NoSuchFileException e) {
            throw new ReportException(zip + ": no such file");
        } catch (IOException e) {
            throw new ReportException(zip + ": not a readable ZIP evidence bundle (" + e.getMessage() + ")", e);
        }
        if (members.isEmpty()) {
            throw new ReportException(zip + ": not a ZIP evidence bundle (no members)");
        }
        byte[] manifestBytes = members.remove(EvidenceBundle.MANIFEST);
        if (manifestBytes == null) {
            throw new ReportException(zip + ": no " + EvidenceBundle.MANIFEST + " in the bundle");
        }
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(manifestBytes);
        } catch (IOException e) {
            throw new ReportException(zip + ": " + EvidenceBundle.MANIFEST + " is not JSON (" + e.getMessage() + ")");
        }
        if (!EvidenceBundle.FORMAT.equals(manifest.path("format").asText())) {
            throw new ReportException(zip + ": " + EvidenceBundle.MANIFEST + " is not a Testbench manifest (format '"
                    + manifest.path("format").asText() + "', expected '" + EvidenceBundle.FORMAT + "')");
        }
        byte[] signature = members.remove(EvidenceBundle.SIGNATURE);
        JsonNode files = manifest.path("files");
        int listed = files.size();
        if (!duplicates.isEmpty()) {
            return new Result(false, zip, listed, Optional.empty(), "member " + duplicates.get(0)
                    + " appears twice in the bundle");
        }
        Optional<Verification> sig = Optional.empty();
        if (signature != null) {
            Verification v = signatures.verifyDetached(EvidenceBundle.MANIFEST, manifestBytes, EvidenceBundle.SIGNATURE,
                    signature);
            sig = Optional.of(v);
            if (!v.valid()) {
                return new Result(false, zip, listed, sig, "the manifest's signature is invalid: " + v.message());
            }
        }
        for (JsonNode f : files) {
            String path = f.path("path").asText();
            byte[] content = members.remove(path);
            if (content == null) {
                return new Result(false, zip, listed, sig, "member " + path + " is listed in the manifest but missing");
            }
            if (!Sha256.of(content).hex().equalsIgnoreCase(f.path("sha256").asText())) {
                return new Result(false, zip, listed, sig, "member " + path + " was changed: its SHA-256 "
                        + Sha256.of(content).hex() + " is not the manifest's " + f.path("sha256").asText());
            }
        }
        if (!members.isEmpty()) {
            return new Result(false, zip, listed, sig, "member " + members.keySet().iterator().next()
                    + " is not in the manifest");
        }
        return new Result(true, zip, listed, sig, listed + " members match the manifest"
                + (sig.isPresent() ? ", whose signature is valid" : "; the manifest is not signed, so this proves "
                + "integrity only against the manifest itself"));
    }
}
