package io.drplatform.dr.drill;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of one run.
 *
 * @param rtoTargetSeconds  the manifest's {@code dr.rtoSeconds} (or an override for the local pair)
 * @param rpoTargetSeconds  the manifest's {@code dr.rpoSeconds}
 * @param heartbeatInterval pause between heartbeat writes
 * @param recoveryDeadline  how long to wait for writes to be accepted again before giving up
 */
public record DrillSettings(
        String environment,
        Path reportRoot,
        boolean dryRun,
        int rtoTargetSeconds,
        int rpoTargetSeconds,
        Duration heartbeatInterval,
        Duration recoveryDeadline,
        Duration baselineDuration) {}
