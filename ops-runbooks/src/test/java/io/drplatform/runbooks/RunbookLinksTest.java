package io.drplatform.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every relative link in the runbooks and READMEs points at a file that exists and, if given, a heading in it. */
class RunbookLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+)$");

    static Stream<Path> documents() {
        List<Path> docs = new ArrayList<>(Repository.runbooks());
        for (String readme : List.of("README.md", "cdk-app/README.md", "service/README.md", "dr-scripts/README.md")) {
            Path file = Repository.ROOT.resolve(readme);
            if (Files.exists(file)) {
                docs.add(file);
            }
        }
        return docs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyRelativeLinkResolves(Path document) {
        List<String> broken = new ArrayList<>();
        Matcher m = LINK.matcher(Repository.read(document));
        while (m.find()) {
            String target = m.group(1);
            if (target.matches("^[a-z]+:.*")) {
                continue; // external (https:, mailto:): not checked offline
            }
            String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
            Path file = path.isEmpty()
                    ? document
                    : document.getParent().resolve(path).normalize();
            if (!Files.exists(file)) {
                broken.add(target + " (no such file)");
            } else if (anchor != null
                    && file.toString().endsWith(".md")
                    && !anchors(file).contains(anchor)) {
                broken.add(target + " (no heading with that anchor)");
            }
        }
        assertThat(broken).as("broken links in %s", document).isEmpty();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(Path markdown) {
        Matcher m = HEADING.matcher(Repository.read(markdown));
        List<String> headings = new ArrayList<>();
        while (m.find()) {
            headings.add(m.group(1)
                    .trim()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
        }
        return headings.stream().collect(Collectors.toSet());
    }
}
