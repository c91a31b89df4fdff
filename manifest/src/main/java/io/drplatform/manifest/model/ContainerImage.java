package io.drplatform.manifest.model;

/**
 * Where a service's image comes from: exactly one of a build context directory (relative to the manifest file)
 * or a registry image reference.
 *
 * @param dockerfile the Dockerfile's path inside {@code directory}; default {@code Dockerfile}. Lets a module of
 *                   a larger build use the repository root as its context (its parent pom, the wrapper)
 */
public record ContainerImage(String directory, String dockerfile, String registry) {

    public String dockerfileOrDefault() {
        return dockerfile == null ? "Dockerfile" : dockerfile;
    }
}
