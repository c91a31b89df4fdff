package io.drplatform.cdk;

import io.drplatform.cdk.region.RegionStack;
import io.drplatform.manifest.ApplicationManifest;
import io.drplatform.manifest.EnvironmentName;
import io.drplatform.manifest.ManifestLoader;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
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
    final List<RegionStack> stacks;
    private final Map<EnvironmentName, Template> templates = new EnumMap<>(EnvironmentName.class);

    private ReferenceApp() {
        this.app = new App(AppProps.builder().context(PlatformStacks.CONTEXT).build());
        this.manifest = ManifestLoader.load(MANIFEST);
        this.stacks = PlatformStacks.build(app, manifest, EnumSet.allOf(EnvironmentName.class));
        app.synth();
    }

    static synchronized ReferenceApp get() {
        if (instance == null) {
            instance = new ReferenceApp();
        }
        return instance;
    }

    RegionStack primary(EnvironmentName environment) {
        return stacks.stream().filter(s -> s.getDeployment().environment() == environment).findFirst().orElseThrow();
    }

    synchronized Template template(EnvironmentName environment) {
        return templates.computeIfAbsent(environment, e -> Template.fromStack(primary(e)));
    }
}
