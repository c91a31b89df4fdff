package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Stack;

/**
 * Runs the pinned CDK CLI as a user does: {@code npx cdk synth} in cdk-app, whose cdk.json builds the app with the
 * Maven wrapper and runs {@link PlatformApp} on the reference manifest. An in-process synthesis never meets the CLI,
 * so only this catches a CLI that cannot read the library's cloud assembly, and the warnings the CLI prints
 * (annotations, unconfigured feature flags, deprecations). One CLI run for the whole class: it takes tens of seconds.
 */
class CdkCliSynthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    /** The only lines a clean `cdk synth` of several stacks prints. */
    private static final List<Pattern> EXPECTED_LINES = List.of(
            Pattern.compile("Successfully synthesized to .*"),
            Pattern.compile("Supply a stack id \\(.*\\) to display its template\\."),
            // jsii's banner about the host's Node version (Node 20 here; CI runs a supported one): not the app's.
            Pattern.compile("!!.*"));

    private static Path out;
    private static int exitCode;
    private static List<String> output;

    @BeforeAll
    static void synthesizeWithTheCli(@TempDir Path dir) throws Exception {
        String npx = onPath("npx")
                .orElseThrow(() -> new AssertionError(
                        "npx is not on the PATH: install Node.js 20 or newer (npm ships npx), then run `npm ci` in cdk-app "
                                + "(./platform test does that)"));
        requirePinnedCli();
        out = dir.resolve("cdk.out");
        Path log = dir.resolve("cdk-synth.log");
        // cdk.json's nested `mvnw install` runs online, like the user's: the install phase may need plugins that the
        // surrounding `verify` never resolved. It recompiles nothing that changed and skips the tests.
        ProcessBuilder synth = new ProcessBuilder(npx, "cdk", "synth", "--output", out.toString(), "--no-notices")
                .directory(MODULE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process process = synth.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("`npx cdk synth` did not finish in 10 minutes; output so far:%n%s", Files.readString(log));
        }
        exitCode = process.exitValue();
        output = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .map(line -> ANSI.matcher(line).replaceAll("").strip())
                .filter(line -> !line.isEmpty())
                .toList();
    }

    @Test
    void theCliReadsTheLibrarysCloudAssembly() {
        assertThat(exitCode)
                .as("exit code of `npx cdk synth` in cdk-app; output:%n%s", String.join("\n", output))
                .isZero();
    }

    @Test
    void printsNoWarning() {
        assertThat(output)
                .as("`npx cdk synth` printed a line that is not part of a clean synthesis "
                        + "(a [Warning at ...] annotation, a feature-flag notice, a deprecation)")
                .allMatch(line ->
                        EXPECTED_LINES.stream().anyMatch(p -> p.matcher(line).matches()));
        assertThat(String.join("\n", output))
                .doesNotContainIgnoringCase("warning")
                .doesNotContain("feature flags are not configured")
                .doesNotContain("default Action already existed")
                .doesNotContainIgnoringCase("deprecated");
    }

    @Test
    void writesEveryStackOfTheReferenceApplication() throws IOException {
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        Map<String, String> regionByStack = new LinkedHashMap<>();
        manifest.get("artifacts").properties().forEach(artifact -> {
            if ("aws:cloudformation:stack"
                    .equals(artifact.getValue().path("type").asText())) {
                String environment = artifact.getValue().path("environment").asText();
                regionByStack.put(artifact.getKey(), environment.substring(environment.lastIndexOf('/') + 1));
                assertThat(out.resolve(artifact.getValue()
                                .path("properties")
                                .path("templateFile")
                                .asText()))
                        .as("template of %s", artifact.getKey())
                        .isRegularFile();
            }
        });
        // README: a stack per region of each environment, storage stacks for the buckets, a global stack with a
        // standby,
        // the user pool's stack in the primary region.
        assertThat(regionByStack)
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("tco-calculator-development-auth", "us-east-1"),
                        Map.entry("tco-calculator-staging-auth", "us-east-1"),
                        Map.entry("tco-calculator-production-auth", "us-east-1"),
                        Map.entry("tco-calculator-development-us-east-1-storage", "us-east-1"),
                        Map.entry("tco-calculator-development-us-east-1", "us-east-1"),
                        Map.entry("tco-calculator-staging-us-west-2-storage", "us-west-2"),
                        Map.entry("tco-calculator-staging-us-east-1-storage", "us-east-1"),
                        Map.entry("tco-calculator-staging-us-east-1", "us-east-1"),
                        Map.entry("tco-calculator-staging-us-west-2", "us-west-2"),
                        Map.entry("tco-calculator-staging-global", "us-east-1"),
                        Map.entry("tco-calculator-production-us-west-2-storage", "us-west-2"),
                        Map.entry("tco-calculator-production-us-east-1-storage", "us-east-1"),
                        Map.entry("tco-calculator-production-us-east-1", "us-east-1"),
                        Map.entry("tco-calculator-production-us-west-2", "us-west-2"),
                        Map.entry("tco-calculator-production-global", "us-east-1")));
    }

    @Test
    void buildsTheTemplatesOfTheInProcessSynthesis() throws IOException {
        ReferenceApp inProcess = ReferenceApp.get();
        for (Stack stack : inProcess.stacks) {
            JsonNode cli = JSON.readTree(
                    out.resolve(stack.getArtifactId() + ".template.json").toFile());
            JsonNode own = JSON.valueToTree(
                    inProcess.assembly.getStackArtifact(stack.getArtifactId()).getTemplate());
            assertThat(withoutCliMetadata(cli))
                    .as("%s: the CLI's template and ./platform synth's (the same feature flags)", stack.getStackName())
                    .isEqualTo(withoutCliMetadata(own));
        }
    }

    /** The CLI adds construct paths, asset metadata and the CDK version report; nothing that deploys differently. */
    private static JsonNode withoutCliMetadata(JsonNode template) {
        ObjectNode copy = template.deepCopy();
        ObjectNode resources = (ObjectNode) copy.path("Resources");
        List<String> names = new ArrayList<>();
        resources.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            ObjectNode resource = (ObjectNode) resources.get(name);
            if ("AWS::CDK::Metadata".equals(resource.path("Type").asText())) {
                resources.remove(name);
            } else {
                resource.remove("Metadata");
            }
        }
        if (copy.get("Conditions") instanceof ObjectNode conditions) {
            conditions.remove("CDKMetadataAvailable");
            if (conditions.isEmpty()) {
                copy.remove("Conditions");
            }
        }
        return copy;
    }

    private static void requirePinnedCli() throws IOException {
        String pinned = JSON.readTree(MODULE.resolve("package.json").toFile())
                .path("devDependencies")
                .path("aws-cdk")
                .asText();
        Path installed = MODULE.resolve("node_modules/aws-cdk/package.json");
        if (!Files.isRegularFile(installed)) {
            fail(
                    "the CDK CLI (aws-cdk %s) is not installed in cdk-app: run `cd cdk-app && npm ci` (./platform test does that)",
                    pinned);
        }
        String version = JSON.readTree(installed.toFile()).path("version").asText();
        if (!version.equals(pinned)) {
            fail(
                    "cdk-app/node_modules holds aws-cdk %s, package.json pins %s: run `cd cdk-app && npm ci`",
                    version, pinned);
        }
    }

    private static Optional<String> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}
