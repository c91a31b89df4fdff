package io.drplatform.cdk.observability;

import java.util.Map;

/**
 * RDS PostgreSQL's default connection limit, LEAST(DBInstanceClassMemory / 9531392, 5000), estimated from the
 * instance class so the connections alarm can fire at 80% of it.
 */
final class PostgresLimits {
    /** GiB of memory per size for general-purpose and burstable classes; memory-optimised classes have twice this. */
    private static final Map<String, Double> GIB_BY_SIZE = Map.ofEntries(
            Map.entry("micro", 1.0),
            Map.entry("small", 2.0),
            Map.entry("medium", 4.0),
            Map.entry("large", 8.0),
            Map.entry("xlarge", 16.0),
            Map.entry("2xlarge", 32.0),
            Map.entry("4xlarge", 64.0),
            Map.entry("8xlarge", 128.0),
            Map.entry("12xlarge", 192.0),
            Map.entry("16xlarge", 256.0),
            Map.entry("24xlarge", 384.0));

    private PostgresLimits() {}

    static int maxConnections(String instanceClass) {
        String[] parts = instanceClass.split("\\.");
        String family = parts[1];
        double gib = GIB_BY_SIZE.getOrDefault(parts[2], 8.0);
        if (family.startsWith("r") || family.startsWith("x")) {
            gib *= 2;
        }
        // RDS reserves part of the memory for the OS and the RDS processes; DBInstanceClassMemory is ~90% of it.
        double instanceClassMemory = gib * 1024 * 1024 * 1024 * 0.9;
        return (int) Math.min(instanceClassMemory / 9531392, 5000);
    }
}
