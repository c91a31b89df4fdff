package io.drplatform.contract.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drplatform.cdk.PlatformStacks;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * One stack's CloudFormation template as the platform synthesizes it: the same manifest loader, app context and
 * {@link PlatformStacks#build} that {@code ./platform synth} uses, written to a directory of the caller's.
 */
public record SynthesizedStack(String name, String region, String account, JsonNode template) {

    public static SynthesizedStack synthesize(
            Path manifestPath, EnvironmentName environment, String stackName, Path out) {
        ApplicationManifest manifest = ManifestLoader.load(manifestPath);
        App app = new App(AppProps.builder()
                .outdir(out.toString())
                .context(PlatformStacks.CONTEXT)
                .build());
        List<Stack> stacks = PlatformStacks.build(app, manifest, EnumSet.of(environment));
        CloudAssembly assembly = app.synth();
        Stack stack = stacks.stream()
                .filter(s -> s.getStackName().equals(stackName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("synthesis of " + manifestPath + " for " + environment.id()
                        + " has no stack " + stackName + "; it has "
                        + stacks.stream().map(Stack::getStackName).toList()));
        CloudFormationStackArtifact artifact = assembly.getStacks().stream()
                .filter(s -> s.getStackName().equals(stackName))
                .findFirst()
                .orElseThrow();
        try {
            JsonNode template = new ObjectMapper()
                    .readTree(out.resolve(artifact.getTemplateFile()).toFile());
            return new SynthesizedStack(stackName, stack.getRegion(), stack.getAccount(), template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode resource(String logicalId) {
        JsonNode resource = template.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalStateException(name + " has no resource " + logicalId);
        }
        return resource;
    }

    public String typeOf(String logicalId) {
        return resource(logicalId).path("Type").asText();
    }

    /** Logical id to properties of every resource of a type, in template order. */
    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return found;
    }

    public JsonNode parameter(String name) {
        return template.path("Parameters").path(name);
    }
}
