package io.drplatform.cdk;

import io.drplatform.manifest.loading.ManifestException;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * Entry point for the CDK CLI ({@code cdk.json}). Context:
 * <ul>
 *   <li>{@code manifest}: path of the application manifest (default: the reference TCO calculator)</li>
 *   <li>{@code environments}: comma-separated subset of development, staging, production (default: all)</li>
 * </ul>
 * A manifest with problems stops here with every problem listed; no stack is built from it.
 */
public final class PlatformApp {
    static final String DEFAULT_MANIFEST = "../manifests/tco-calculator.yaml";

    private PlatformApp() {}

    public static void main(String[] args) {
        // Defaults for running the class without the CLI; the CLI's context (cdk.json, -c) overrides them.
        App app = new App(AppProps.builder().context(PlatformStacks.CONTEXT).build());
        try {
            build(app);
        } catch (ManifestException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        app.synth();
    }

    static ApplicationManifest build(App app) {
        Object manifestContext = app.getNode().tryGetContext("manifest");
        Path manifestPath = Path.of(manifestContext == null ? DEFAULT_MANIFEST : manifestContext.toString());
        ApplicationManifest manifest = ManifestLoader.load(manifestPath);
        PlatformStacks.build(app, manifest, environments(app.getNode().tryGetContext("environments")));
        return manifest;
    }

    /** A comma-separated list of environment ids; every environment when there is none. */
    static Set<EnvironmentName> environments(Object context) {
        return EnvironmentSelection.of(
                context == null || context.toString().isBlank()
                        ? List.of()
                        : Arrays.stream(context.toString().split(","))
                                .map(String::trim)
                                .toList());
    }
}
