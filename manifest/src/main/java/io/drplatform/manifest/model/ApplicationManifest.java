package io.drplatform.manifest.model;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** A loaded, valid manifest: the application in each of its environments. */
public record ApplicationManifest(Path source, String name, Map<EnvironmentName, Deployment> deployments) {

    public ApplicationManifest {
        deployments = new EnumMap<>(deployments);
    }

    public Deployment deployment(EnvironmentName environment) {
        return deployments.get(environment);
    }

    /** Directory that relative paths in the manifest (image build contexts) are resolved against. */
    public Path baseDirectory() {
        Path parent = source.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
