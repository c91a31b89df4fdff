package io.drplatform.cdk;

import io.drplatform.cdk.auth.AuthStack;
import io.drplatform.cdk.global.GlobalStack;
import io.drplatform.cdk.region.RegionStack;
import io.drplatform.cdk.storage.StorageStack;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.plan.RegionRole;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The reference manifest synthesized once per test JVM (synthesis with cdk-nag takes seconds), shared by the
 * test classes that assert on it. Stacks are all created before any template is read.
 */
final class ReferenceApp {
    static final Path MANIFEST = Path.of("..", "manifests", "tco-calculator.yaml");
    private static ReferenceApp instance;

    final App app;
    final ApplicationManifest manifest;
    final List<Stack> stacks;
    final software.amazon.awscdk.cxapi.CloudAssembly assembly;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    private ReferenceApp() {
        this(MANIFEST, EnumSet.allOf(EnvironmentName.class));
    }

    /** Any manifest, synthesized for the given environments; one instance per test class at most. */
    ReferenceApp(Path manifestPath, java.util.Set<EnvironmentName> environments) {
        this.app = new App(AppProps.builder().context(PlatformStacks.CONTEXT).build());
        this.manifest = ManifestLoader.load(manifestPath);
        this.stacks = PlatformStacks.build(app, manifest, environments);
        this.assembly = app.synth();
    }

    static synchronized ReferenceApp get() {
        if (instance == null) {
            instance = new ReferenceApp();
        }
        return instance;
    }

    RegionStack primary(EnvironmentName environment) {
        return region(environment, RegionRole.PRIMARY);
    }

    RegionStack standby(EnvironmentName environment) {
        return region(environment, RegionRole.STANDBY);
    }

    RegionStack region(EnvironmentName environment, RegionRole role) {
        return stacks.stream()
                .filter(s -> s instanceof RegionStack r
                        && r.getDeployment().environment() == environment
                        && r.getRole() == role)
                .map(RegionStack.class::cast)
                .findFirst()
                .orElseThrow();
    }

    GlobalStack global(EnvironmentName environment) {
        return stacks.stream()
                .filter(s -> s instanceof GlobalStack g && g.getDeployment().environment() == environment)
                .map(GlobalStack.class::cast)
                .findFirst()
                .orElseThrow();
    }

    AuthStack auth(EnvironmentName environment) {
        return stacks.stream()
                .filter(s -> s instanceof AuthStack a && a.getDeployment().environment() == environment)
                .map(AuthStack.class::cast)
                .findFirst()
                .orElseThrow();
    }

    StorageStack storage(EnvironmentName environment, String region) {
        return stacks.stream()
                .filter(s -> s instanceof StorageStack g
                        && g.getDeployment().environment() == environment
                        && g.getRegion().equals(region))
                .map(StorageStack.class::cast)
                .findFirst()
                .orElseThrow();
    }

    Template template(EnvironmentName environment) {
        return template(primary(environment));
    }

    /** The synthesized template, read from the one cloud assembly (Template.fromStack would synthesize again). */
    @SuppressWarnings("unchecked")
    Template template(Stack stack) {
        return templates.computeIfAbsent(
                stack.getStackName(),
                name -> Template.fromJSON((Map<String, Object>)
                        assembly.getStackArtifact(stack.getArtifactId()).getTemplate()));
    }

    /** cdk-nag findings (errors and warnings) the synthesis recorded for a stack. */
    List<String> nagFindings(Stack stack) {
        return assembly.getStackArtifact(stack.getArtifactId()).getMessages().stream()
                .map(m -> m.getLevel() + " " + m.getId() + ": " + m.getEntry().getData())
                .filter(text -> text.contains("AwsSolutions-"))
                .toList();
    }
}
