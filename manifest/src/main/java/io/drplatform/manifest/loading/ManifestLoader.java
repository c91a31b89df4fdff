package io.drplatform.manifest.loading;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.validation.DeploymentRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an application manifest, resolves it for every environment and validates it. Either every
 * environment is valid and an {@link ApplicationManifest} is returned, or a {@link ManifestException} lists
 * every problem found, each with its path and line, before anything is built from the manifest.
 */
public final class ManifestLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // unknown keys are reported by ShapeCheck

    private ManifestLoader() {}

    public static ApplicationManifest load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ManifestException(
                    file,
                    List.of(new ManifestProblem("(file)", 0, "no such file", "check the path given as `manifest`")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file, e);
        }
        return parse(file, text);
    }

    static ApplicationManifest parse(Path file, String text) {
        JsonNode root;
        SourceMap lines;
        try {
            root = YAML.readTree(text);
            lines = new SourceMap(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ManifestException(
                    file,
                    List.of(new ManifestProblem(
                            "(document)",
                            line,
                            "not valid YAML: " + e.getOriginalMessage(),
                            "check indentation and quoting near this line")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProblemCollector problems = new ProblemCollector(lines);
        if (root == null || !root.isObject()) {
            problems.add("", "the manifest must be a YAML mapping with name, regions, dns, services, ...", null);
            throw problems.toException(file);
        }

        // Values of the wrong shape are reported, then pruned, so the rules below still check everything else
        // and one run reports every problem.
        List<String> misshapen = new ArrayList<>();
        DocumentShape.check((ObjectNode) root, (pointer, message, suggestion) -> {
            misshapen.add(pointer);
            problems.add(pointer, message, suggestion);
        });
        root = prune((ObjectNode) root, misshapen);
        problems.ignoreUnder(misshapen);

        Map<EnvironmentName, Deployment> deployments = new EnumMap<>(EnvironmentName.class);
        Path baseDirectory = file.toAbsolutePath().getParent();
        for (EnvironmentName environment : EnvironmentName.values()) {
            EnvironmentMerge merge = EnvironmentLayers.resolve((ObjectNode) root, environment);
            Deployment deployment = YAML.convertValue(merge.tree(), Deployment.class);
            new DeploymentRules(problems.inEnvironment(environment, merge), baseDirectory).check(deployment);
            deployments.put(environment, deployment);
        }
        if (!problems.isEmpty()) {
            throw problems.toException(file);
        }
        return new ApplicationManifest(file, root.path("name").asText(), deployments);
    }

    /** A copy of the tree without the nodes at the given pointers (deepest first, so indices stay valid). */
    private static ObjectNode prune(ObjectNode root, List<String> pointers) {
        ObjectNode copy = root.deepCopy();
        pointers.stream().sorted(Comparator.reverseOrder()).forEach(pointer -> {
            JsonNode parent = copy.at(JsonPointer.compile(pointer).head());
            String last = JsonPointer.compile(pointer).last().getMatchingProperty();
            if (parent instanceof ObjectNode object) {
                object.remove(last);
            } else if (parent instanceof ArrayNode array && last.chars().allMatch(Character::isDigit)) {
                array.remove(Integer.parseInt(last));
            }
        });
        return copy;
    }
}
