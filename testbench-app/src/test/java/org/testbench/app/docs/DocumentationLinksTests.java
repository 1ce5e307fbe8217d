package org.testbench.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of README.md and docs/*.md leads somewhere: the file or directory exists, and a
 * {@code #fragment} names a heading of the target (as GitHub makes anchors of headings).
 */
class DocumentationLinksTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** [text](target) and ![alt](target), the target up to a space or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (Link link : links(page)) {
                checked++;
                problem(page, link).ifPresent(broken::add);
            }
        }
        assertThat(checked).as("links found").isGreaterThan(20);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void anchorsAreMadeAsGithubMakesThem() {
        assertThat(anchor("TLS audit and the lab's TLS profiles")).isEqualTo("tls-audit-and-the-labs-tls-profiles");
        assertThat(anchor("`testbench run` — options")).isEqualTo("testbench-run--options");
    }

    private record Link(int line, String target) {
    }

    private static List<Link> links(Path page) throws IOException {
        List<Link> links = new ArrayList<>();
        boolean code = false;
        List<String> lines = Files.readAllLines(page);
        for (int i = 0; i < lines.size(); i++) {
            if (FENCE.matcher(lines.get(i)).find()) {
                code = !code;
                continue;
            }
            if (code) {
                continue;
            }
            Matcher m = LINK.matcher(lines.get(i).replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                links.add(new Link(i + 1, m.group(1)));
            }
        }
        return links;
    }

    private static java.util.Optional<String> problem(Path page, Link link) throws IOException {
        String target = link.target();
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return java.util.Optional.empty(); // https:, mailto: — not ours to check here
        }
        String where = ROOT.relativize(page) + ":" + link.line() + ": " + target;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return java.util.Optional.of(where + " (no such file)");
        }
        if (hash >= 0 && resolved.toString().endsWith(".md") && !anchors(resolved).contains(target.substring(hash + 1))) {
            return java.util.Optional.of(where + " (no such heading in " + ROOT.relativize(resolved) + ")");
        }
        return java.util.Optional.empty();
    }

    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (FENCE.matcher(line).find()) {
                code = !code;
            } else if (!code && line.startsWith("#")) {
                String base = anchor(line.replaceFirst("^#+\\s*", ""));
                String a = base;
                for (int n = 1; !anchors.add(a); n++) {
                    a = base + "-" + n;
                }
            }
        }
        return anchors;
    }

    /** GitHub's rule: lower case, punctuation dropped (but hyphens and underscores), each space a hyphen. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
    }
}
