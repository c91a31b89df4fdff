package io.drplatform.manifest.model;

/**
 * Moves objects to another storage class after a number of days.
 *
 * @param storageClass an S3 storage class, one of those validation knows ({@code AwsFacts.STORAGE_CLASSES})
 */
public record LifecycleTransition(String storageClass, Integer days) {}
