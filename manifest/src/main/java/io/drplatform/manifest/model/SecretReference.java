package io.drplatform.manifest.model;

/**
 * A value injected into a container from Secrets Manager: the secret's name and, for JSON secrets,
 * the key inside it. The manifest never holds the value itself.
 */
public record SecretReference(String name, String jsonKey) {}
