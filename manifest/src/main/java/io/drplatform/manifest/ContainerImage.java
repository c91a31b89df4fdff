package io.drplatform.manifest;

/**
 * Where a service's image comes from: exactly one of a build context directory with a Dockerfile
 * (relative to the manifest file) or a registry image reference.
 */
public record ContainerImage(String directory, String registry) {
}
