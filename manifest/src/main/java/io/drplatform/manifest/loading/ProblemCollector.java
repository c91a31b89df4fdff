package io.drplatform.manifest.loading;

import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.validation.ProblemReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The problems of one manifest, from every environment, keyed by where and what, so one mistake shared by several
 * environments is reported once (naming the environments when not all of them have it).
 */
final class ProblemCollector {
    /** One problem as reported: where in the file, and what. */
    private record Key(String filePointer, int line, String message, String suggestion) {}

    private final SourceMap lines;
    private final Map<Key, Set<EnvironmentName>> found = new LinkedHashMap<>();
    private final List<String> ignored = new ArrayList<>();

    ProblemCollector(SourceMap lines) {
        this.lines = lines;
    }

    /** A problem of the document itself, at a pointer into the file. */
    void add(String filePointer, String message, String suggestion) {
        found.computeIfAbsent(
                new Key(filePointer, lines.lineOf(filePointer), message, suggestion), k -> new LinkedHashSet<>());
    }

    /** Receives the problems of one environment's merged tree and reports them where the file set the value. */
    ProblemReport inEnvironment(EnvironmentName environment, EnvironmentMerge merge) {
        return new ProblemReport() {
            @Override
            public void problem(String pointer, String message, String suggestion) {
                add(environment, merge, pointer, message, suggestion);
            }

            @Override
            public void conflict(String pointer, String otherPointer, String message, String suggestion) {
                String other = merge.originOf(otherPointer);
                boolean otherIsOverride = other != null && other.startsWith("/environments/");
                String origin = merge.originOf(pointer);
                boolean thisIsOverride = origin != null && origin.startsWith("/environments/");
                // At the value the manifest wrote rather than at a platform default it contradicts.
                boolean otherWasWritten =
                        other != null && lines.contains(other) && (origin == null || !lines.contains(origin));
                add(
                        environment,
                        merge,
                        (otherIsOverride && !thisIsOverride) || otherWasWritten ? otherPointer : pointer,
                        message,
                        suggestion);
            }
        };
    }

    /** Problems under these pointers were already reported as mis-shaped values. */
    void ignoreUnder(List<String> pointers) {
        ignored.addAll(pointers);
    }

    private void add(
            EnvironmentName environment, EnvironmentMerge merge, String pointer, String message, String suggestion) {
        String origin = merge.originOf(pointer);
        if (origin != null && ignored.stream().anyMatch(p -> origin.equals(p) || origin.startsWith(p + "/"))) {
            return;
        }
        String filePointer = origin != null
                ? origin
                : "/environments/" + environment.id() + pointer; // supplied by a platform default
        String text = origin != null ? message : message + " (platform default for " + environment.id() + ")";
        int line = origin != null ? lines.lineOf(origin) : 0;
        found.computeIfAbsent(new Key(filePointer, line, text, suggestion), k -> new LinkedHashSet<>())
                .add(environment);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    ManifestException toException(Path file) {
        List<ManifestProblem> list = new ArrayList<>();
        found.forEach((key, environments) -> {
            String message = key.message();
            if (!environments.isEmpty()
                    && environments.size() < EnvironmentName.values().length
                    && !key.filePointer().startsWith("/environments/")) {
                message += " [in "
                        + environments.stream().map(EnvironmentName::id).collect(Collectors.joining(", ")) + "]";
            }
            list.add(new ManifestProblem(SourceMap.display(key.filePointer()), key.line(), message, key.suggestion()));
        });
        list.sort(Comparator.comparingInt(ManifestProblem::line));
        return new ManifestException(file, list);
    }
}
