package io.drplatform.manifest;

/**
 * Moves objects to another storage class after a number of days.
 *
 * @param storageClass one of STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE
 */
public record LifecycleTransition(String storageClass, Integer days) {}
