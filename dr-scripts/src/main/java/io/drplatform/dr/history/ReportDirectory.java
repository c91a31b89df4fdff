package io.drplatform.dr.history;

import io.drplatform.dr.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reports on disk: every {@code report.json} up to two directories below the root, so both the directory
 * {@code dr drill --report-dir} writes ({@code <root>/<drill id>/report.json}) and a downloaded set of workflow
 * artifacts ({@code <root>/<artifact>/<drill id>/report.json}) read as they are.
 */
public record ReportDirectory(Path root) implements ReportSource {

    @Override
    public List<RecordedDrill> read(List<String> skipped) throws IOException {
        List<RecordedDrill> drills = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return drills;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 3)) {
            files = walk.filter(p -> p.getFileName().toString().equals("report.json"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            ReportSource.keepIfPlaceable(ReportWriter.read(file), file.toString(), drills, skipped);
        }
        return drills;
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
