package io.drplatform.manifest.loading;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A manifest that cannot be deployed, with every problem found in one pass. */
public class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path source;
    private final transient List<ManifestProblem> problems;

    public ManifestException(Path source, List<ManifestProblem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public Path source() {
        return source;
    }

    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String describe(Path source, List<ManifestProblem> problems) {
        String header = source + " has " + problems.size() + (problems.size() == 1 ? " problem:" : " problems:");
        return problems.stream()
                .map(p -> "  " + source.getFileName() + ":" + p)
                .collect(Collectors.joining("\n", header + "\n", ""));
    }
}
