package io.drplatform.runbooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the checked documents live; tests run with the module directory as working directory. */
final class Repository {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path RUNBOOKS = ROOT.resolve("ops-runbooks");
    static final Path WORKFLOWS = ROOT.resolve(".github/workflows");

    private Repository() {}

    static List<Path> runbooks() {
        return list(RUNBOOKS, ".md");
    }

    static List<Path> workflows() {
        return list(WORKFLOWS, ".yml");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
