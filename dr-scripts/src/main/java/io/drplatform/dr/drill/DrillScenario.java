package io.drplatform.dr.drill;

import java.time.Instant;

/**
 * The drills a provider runs with steps of its own, beyond the region failover and failback every provider runs from
 * its operations. Adding one: a record here, its steps in {@link ScenarioProvider#scenario} of each provider that can
 * run it, and a {@code dr drill} subcommand.
 */
public sealed interface DrillScenario {

    /** The scenario's name on the command line and in the report. */
    String name();

    /** A Multi-AZ reboot with failover of the active region's database. */
    record MultiAzFailover() implements DrillScenario {
        @Override
        public String name() {
            return "db-failover";
        }
    }

    /**
     * Restore a backup to a temporary instance, verify it, delete it.
     *
     * @param pointInTime null for the newest automated snapshot, {@link Instant#MAX} for the latest restorable time
     *                    (point-in-time recovery from the transaction logs), or the instant to restore to
     */
    record RestoreBackup(Instant pointInTime) implements DrillScenario {
        @Override
        public String name() {
            return "restore-backup";
        }
    }
}
