package io.drplatform.manifest.model;

/** Retention of service and VPC flow logs, in days (a value CloudWatch Logs accepts). */
public record Observability(Integer logRetentionDays) {}
