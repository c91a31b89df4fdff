package io.drplatform.manifest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an application manifest, resolves it for every environment and validates it. Either every
 * environment is valid and an {@link ApplicationManifest} is returned, or a {@link ManifestException} lists
 * every problem found, each with its path and line, before anything is built from the manifest.
 */
public final class ManifestLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // unknown keys are reported by ShapeCheck
    private static final Set<String> OPTIONAL_SECTIONS = Set.of("database", "cache");
    private static final JsonNode DEFAULTS = readDefaults();

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
        Problems problems = new Problems(lines);
        if (root == null || !root.isObject()) {
            problems.add("", "the manifest must be a YAML mapping with name, regions, dns, services, ...", null);
            throw problems.toException(file);
        }

        // Values of the wrong shape are reported, then pruned, so the rules below still check everything else
        // and one run reports every problem.
        List<String> misshapen = new ArrayList<>();
        checkShape((ObjectNode) root, (pointer, message, suggestion) -> {
            misshapen.add(pointer);
            problems.add(pointer, message, suggestion);
        });
        root = prune((ObjectNode) root, misshapen);
        problems.ignoreUnder(misshapen);

        Map<EnvironmentName, Deployment> deployments = new EnumMap<>(EnvironmentName.class);
        Path baseDirectory = file.toAbsolutePath().getParent();
        for (EnvironmentName environment : EnvironmentName.values()) {
            EnvironmentMerge merge = resolve((ObjectNode) root, environment);
            Deployment deployment = YAML.convertValue(merge.tree(), Deployment.class);
            new DeploymentRules(problems.inEnvironment(environment, merge), baseDirectory).check(deployment);
            deployments.put(environment, deployment);
        }
        if (!problems.isEmpty()) {
            throw problems.toException(file);
        }
        return new ApplicationManifest(file, root.path("name").asText(), deployments);
    }

    private static void checkShape(ObjectNode root, DeploymentRules.Report problems) {
        ShapeCheck shape = new ShapeCheck((pointer, text) -> problems.problem(pointer, text[0], text[1]));
        ObjectNode sections = root.deepCopy();
        JsonNode environments = sections.remove("environments");
        shape.check(sections, Deployment.class, "", Set.of("environment"));
        if (environments == null || environments.isNull()) {
            return;
        }
        if (!environments.isObject()) {
            problems.problem(
                    "/environments",
                    "must map environment names to overrides",
                    "e.g. `environments: {production: {...}}`");
            return;
        }
        List<String> known = List.of(EnvironmentName.values()).stream()
                .map(EnvironmentName::id)
                .toList();
        for (Iterator<Map.Entry<String, JsonNode>> it = environments.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String pointer = "/environments/" + ShapeCheck.escape(entry.getKey());
            if (EnvironmentName.fromId(entry.getKey()).isEmpty()) {
                problems.problem(
                        pointer,
                        "unknown environment `" + entry.getKey() + "`; environments are " + String.join(", ", known),
                        Suggestions.closest(entry.getKey(), known)
                                .map(s -> "did you mean `" + s + "`?")
                                .orElse(null));
                continue;
            }
            JsonNode override = entry.getValue();
            if (override != null && override.isObject() && override.has("name")) {
                problems.problem(
                        pointer + "/name",
                        "the application name is the same in every environment",
                        "remove it here; stack names already carry the environment");
                override = override.deepCopy();
                ((ObjectNode) override).remove("name");
            }
            shape.check(override, Deployment.class, pointer, Set.of("environment", "name"));
            JsonNode services =
                    entry.getValue() == null ? null : entry.getValue().get("services");
            if (services != null && services.isArray()) {
                for (int i = 0; i < services.size(); i++) {
                    if (!services.get(i).path("name").isTextual()) {
                        problems.problem(
                                pointer + "/services/" + i,
                                "an environment's service entry must name the service it changes",
                                "add `name:` matching a service in the top-level `services`");
                    }
                }
            }
        }
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

    private static EnvironmentMerge resolve(ObjectNode root, EnvironmentName environment) {
        ObjectNode base = root.deepCopy();
        base.remove("environments");
        JsonNode override = root.path("environments").get(environment.id());
        EnvironmentMerge merge = new EnvironmentMerge(YAML.createObjectNode())
                .layer(DEFAULTS.get("common"), null)
                .layer(DEFAULTS.path("environments").get(environment.id()), null)
                .layer(base, "")
                .layer(override, "/environments/" + environment.id());
        merge.fillEachEntry("services", DEFAULTS.get("service"));
        ObjectNode tree = merge.tree();
        for (String section : OPTIONAL_SECTIONS) {
            // Defaults complete a section the manifest asks for; they never add one it does not.
            if (!base.has(section) && (override == null || !override.has(section))) {
                tree.remove(section);
            }
        }
        tree.put("environment", environment.id());
        return merge;
    }

    private static JsonNode readDefaults() {
        try (InputStream in = ManifestLoader.class.getResourceAsStream("defaults.yaml")) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("platform defaults are unreadable", e);
        }
    }

    /** Problems keyed by where and what, so one mistake shared by several environments is reported once. */
    private static final class Problems {
        private final SourceMap lines;
        private final Map<List<Object>, Set<EnvironmentName>> found = new LinkedHashMap<>();
        private final List<String> ignored = new ArrayList<>();

        Problems(SourceMap lines) {
            this.lines = lines;
        }

        void add(String filePointer, String message, String suggestion) {
            found.computeIfAbsent(
                    List.of(filePointer, lines.lineOf(filePointer), message, String.valueOf(suggestion)),
                    k -> new LinkedHashSet<>());
        }

        DeploymentRules.Report inEnvironment(EnvironmentName environment, EnvironmentMerge merge) {
            return new DeploymentRules.Report() {
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
                    add(
                            environment,
                            merge,
                            otherIsOverride && !thisIsOverride ? otherPointer : pointer,
                            message,
                            suggestion);
                }
            };
        }

        /** Problems under these pointers were already reported as mis-shaped values. */
        void ignoreUnder(List<String> pointers) {
            ignored.addAll(pointers);
        }

        void add(
                EnvironmentName environment,
                EnvironmentMerge merge,
                String pointer,
                String message,
                String suggestion) {
            String origin = merge.originOf(pointer);
            if (origin != null && ignored.stream().anyMatch(p -> origin.equals(p) || origin.startsWith(p + "/"))) {
                return;
            }
            String filePointer = origin != null
                    ? origin
                    : "/environments/" + environment.id() + pointer; // supplied by a platform default
            String text = origin != null ? message : message + " (platform default for " + environment.id() + ")";
            int line = origin != null ? lines.lineOf(origin) : 0;
            found.computeIfAbsent(
                            List.of(filePointer, line, text, String.valueOf(suggestion)), k -> new LinkedHashSet<>())
                    .add(environment);
        }

        boolean isEmpty() {
            return found.isEmpty();
        }

        ManifestException toException(Path file) {
            List<ManifestProblem> list = new ArrayList<>();
            found.forEach((key, environments) -> {
                String message = (String) key.get(2);
                if (!environments.isEmpty()
                        && environments.size() < EnvironmentName.values().length
                        && !((String) key.get(0)).startsWith("/environments/")) {
                    message += " [in "
                            + environments.stream().map(EnvironmentName::id).collect(Collectors.joining(", ")) + "]";
                }
                String suggestion = "null".equals(key.get(3)) ? null : (String) key.get(3);
                list.add(new ManifestProblem(
                        SourceMap.display((String) key.get(0)), (Integer) key.get(1), message, suggestion));
            });
            list.sort(Comparator.comparingInt(ManifestProblem::line));
            return new ManifestException(file, list);
        }
    }
}
