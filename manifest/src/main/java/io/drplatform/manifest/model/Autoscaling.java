package io.drplatform.manifest.model;

/** Target-tracking goals; any of them may be absent. */
public record Autoscaling(Integer cpuPercent, Integer memoryPercent, Integer requestsPerTarget) {}
