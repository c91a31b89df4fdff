package io.drplatform.dr.cli;

import picocli.CommandLine.Option;

/** Measurement options of drills, failover and failback. */
public class RunOptions {
    @Option(names = "--rto-target", description = "RTO target in seconds (default: the manifest's dr.rtoSeconds)")
    Integer rtoTarget;

    @Option(names = "--rpo-target", description = "RPO target in seconds (default: the manifest's dr.rpoSeconds)")
    Integer rpoTarget;

    @Option(
            names = "--heartbeat-interval-ms",
            defaultValue = "100",
            description = "pause between heartbeat writes (default: ${DEFAULT-VALUE})")
    long heartbeatIntervalMs;

    @Option(
            names = "--baseline-seconds",
            defaultValue = "3",
            description = "heartbeat time before the fault (default: ${DEFAULT-VALUE})")
    long baselineSeconds;

    @Option(
            names = "--recovery-deadline-seconds",
            defaultValue = "300",
            description = "give up when no write is accepted for this long after the fault (default: ${DEFAULT-VALUE})")
    long recoveryDeadlineSeconds;
}
