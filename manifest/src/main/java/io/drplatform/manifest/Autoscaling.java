package io.drplatform.manifest;

/** Target-tracking goals; any of them may be absent. */
public record Autoscaling(Integer cpuPercent, Integer memoryPercent, Integer requestsPerTarget) {}
