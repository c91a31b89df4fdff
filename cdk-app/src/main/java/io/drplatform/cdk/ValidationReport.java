package io.drplatform.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report CDK writes to {@code <outdir>/validation-report.json} when synthesis fails validation. With cdk.json's
 * {@code @aws-cdk/core:annotationsInValidationReport}, an error annotation (an unsuppressed cdk-nag finding) fails
 * synthesis like a CloudFormation validation finding does, and both are listed here.
 */
final class ValidationReport {
    static final String FILE = "validation-report.json";
    private static final String FAILED_SYNTHESIS = "ValidationFailed";

    private ValidationReport() {}

    /** The report of a synthesis that failed validation, if {@code failure} is that failure. */
    static boolean explains(RuntimeException failure, Path outdir) {
        return String.valueOf(failure.getMessage()).contains(FAILED_SYNTHESIS)
                && Files.isRegularFile(outdir.resolve(FILE));
    }

    /** One line per violating construct: {@code <construct path>: <finding>}, the finding's first line. */
    static List<String> violations(Path outdir) {
        try {
            JsonNode report = new ObjectMapper().readTree(outdir.resolve(FILE).toFile());
            List<String> lines = new ArrayList<>();
            for (JsonNode plugin : report.path("pluginReports")) {
                for (JsonNode violation : plugin.path("violations")) {
                    String finding = violation
                            .path("description")
                            .asText()
                            .lines()
                            .findFirst()
                            .orElse("");
                    for (JsonNode construct : violation.path("violatingConstructs")) {
                        lines.add(construct.path("constructPath").asText() + ": " + finding);
                    }
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + outdir.resolve(FILE), e);
        }
    }
}
