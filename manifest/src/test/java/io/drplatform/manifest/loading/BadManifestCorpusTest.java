package io.drplatform.manifest.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest under {@code manifests/bad} states the problems it must produce in {@code # expect:} lines:
 * {@code line path | message fragment | suggestion fragment}. All of them must be reported in one run, and
 * nothing else.
 */
class BadManifestCorpusTest {

    record Expectation(int line, String path, String message, String suggestion) {
        static Expectation parse(String text) {
            String[] parts = text.substring("# expect:".length()).split("\\|");
            String[] where = parts[0].trim().split(" ", 2);
            return new Expectation(
                    Integer.parseInt(where[0]),
                    where[1].trim(),
                    parts[1].trim(),
                    parts.length > 2 ? parts[2].trim() : null);
        }

        boolean matches(ManifestProblem problem) {
            return problem.line() == line
                    && problem.path().equals(path)
                    && problem.message().contains(message)
                    && (suggestion == null
                            || (problem.suggestion() != null
                                    && problem.suggestion().contains(suggestion)));
        }
    }

    static Stream<Path> badManifests() throws IOException, URISyntaxException {
        Path dir = Path.of(
                BadManifestCorpusTest.class.getResource("/manifests/bad").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void reportsEveryExpectedProblemAndNothingElse(Path manifest) throws IOException {
        List<Expectation> expected = Files.readAllLines(manifest).stream()
                .filter(l -> l.startsWith("# expect:"))
                .map(Expectation::parse)
                .toList();
        assertThat(expected).as("corpus file states its expectations").isNotEmpty();

        ManifestException failure = catchThrowableOfType(ManifestException.class, () -> ManifestLoader.load(manifest));

        assertThat(failure).as("%s must be rejected", manifest.getFileName()).isNotNull();
        for (Expectation expectation : expected) {
            assertThat(failure.problems())
                    .as("problems of %s:\n%s", manifest.getFileName(), failure.getMessage())
                    .anyMatch(expectation::matches);
        }
        assertThat(failure.problems())
                .as("no unexpected problems in %s:\n%s", manifest.getFileName(), failure.getMessage())
                .hasSameSizeAs(expected);
        assertThat(failure.getMessage()).contains(manifest.getFileName().toString());
    }
}
