package io.drplatform.contract.template;

import io.drplatform.cdk.PlatformStacks;
import io.drplatform.dr.rehearsal.assembly.CloudAssembly;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Path;
import java.util.EnumSet;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * Synthesizes an environment of a manifest as {@code ./platform synth} does (the same manifest loader, app context
 * and {@link PlatformStacks#build}) into a directory of the caller's, and reads the cloud assembly it wrote with the
 * DR tool's reader, as a rehearsal reads it.
 */
public final class Synthesis {
    private Synthesis() {}

    public static CloudAssembly assembly(Path manifestPath, EnvironmentName environment, Path out) {
        ApplicationManifest manifest = ManifestLoader.load(manifestPath);
        App app = new App(AppProps.builder()
                .outdir(out.toString())
                .context(PlatformStacks.CONTEXT)
                .build());
        PlatformStacks.build(app, manifest, EnumSet.of(environment));
        app.synth();
        return CloudAssembly.read(out);
    }

    public static SynthesizedStack synthesize(
            Path manifestPath, EnvironmentName environment, String stackName, Path out) {
        return assembly(manifestPath, environment, out).stack(stackName);
    }
}
