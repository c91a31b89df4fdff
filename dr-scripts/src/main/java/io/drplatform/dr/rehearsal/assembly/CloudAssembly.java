package io.drplatform.dr.rehearsal.assembly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cloud assembly as {@code cdk synth} (or {@code ./platform synth}) writes it: {@code manifest.json} lists the
 * stack artifacts, each with its environment ({@code aws://<account>/<region>}) and template file. The stack name is
 * the artifact's {@code stackName} property where CDK sets one, else the artifact id.
 */
public final class CloudAssembly {
    public static final String MANIFEST = "manifest.json";
    private static final String STACK_ARTIFACT = "aws:cloudformation:stack";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Map<String, SynthesizedStack> stacks;

    private CloudAssembly(Path directory, Map<String, SynthesizedStack> stacks) {
        this.directory = directory;
        this.stacks = stacks;
    }

    /** What to run to make the assembly a rehearsal of {@code environment} reads. */
    public static String synthCommand(String environment, Path directory) {
        return "./platform synth --environment " + environment + " --out " + directory;
    }

    public static CloudAssembly read(Path directory) {
        return read(directory, "staging");
    }

    /** Reads the assembly; if there is none, says how to synthesize {@code environment} into the directory. */
    public static CloudAssembly read(Path directory, String environment) {
        Path manifest = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalStateException("no cloud assembly in " + directory + " (no " + MANIFEST
                    + "); synthesize it first: " + synthCommand(environment, directory));
        }
        try {
            Map<String, SynthesizedStack> stacks = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> artifact :
                    JSON.readTree(manifest.toFile()).path("artifacts").properties()) {
                JsonNode value = artifact.getValue();
                if (!STACK_ARTIFACT.equals(value.path("type").asText())) {
                    continue;
                }
                String name = value.path("properties").path("stackName").asText(artifact.getKey());
                String[] accountAndRegion = value.path("environment")
                        .asText()
                        .replaceFirst("^aws://", "")
                        .split("/");
                if (accountAndRegion.length != 2) {
                    throw new IllegalStateException(
                            artifact.getKey() + " in " + manifest + " has no aws://<account>/<region> environment");
                }
                Path template = directory.resolve(
                        value.path("properties").path("templateFile").asText());
                stacks.put(
                        name,
                        new SynthesizedStack(
                                name, accountAndRegion[1], accountAndRegion[0], JSON.readTree(template.toFile())));
            }
            return new CloudAssembly(directory, Map.copyOf(stacks));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cloud assembly in " + directory, e);
        }
    }

    public SynthesizedStack stack(String name) {
        SynthesizedStack stack = stacks.get(name);
        if (stack == null) {
            throw new IllegalStateException("the cloud assembly in " + directory + " has no stack " + name + "; it has "
                    + List.copyOf(stacks.keySet()));
        }
        return stack;
    }

    public boolean has(String name) {
        return stacks.containsKey(name);
    }

    public Path directory() {
        return directory;
    }
}
