package io.drplatform.manifest.plan;

/**
 * The PostgreSQL instance a region's services use, for the current DR state. Identifiers and ARNs are built from the
 * manifest, never read from another stack, so promoting a replica never waits on a stack in the other region.
 */
public sealed interface RegionDatabase {

    /** What the region's instance is. */
    enum Shape {
        /** The manifest declares no database. */
        NONE,
        /** The manifest's primary region before any failover: the original instance, whose credentials it generates. */
        ORIGINAL_PRIMARY,
        /** A read replica of the active region's instance. */
        CROSS_REGION_REPLICA,
        /** After a failover: the former replica, promoted, now the writable instance. */
        PROMOTED
    }

    Shape shape();

    /** The manifest declares no database. */
    record None() implements RegionDatabase {
        @Override
        public Shape shape() {
            return Shape.NONE;
        }
    }

    /** An instance of the region: what every shape but {@link Shape#NONE} has. */
    sealed interface Instance extends RegionDatabase {
        /** RDS identifier; the DR tool and the other region build ARNs from it. */
        String identifier();

        /** {@code arn:aws:rds:<region>:<account>:db:<identifier>}. */
        String arn();

        /** The secrets the services and the migration task read. */
        Credentials credentials();
    }

    record OriginalPrimary(String identifier, String arn, Credentials credentials) implements Instance {
        @Override
        public Shape shape() {
            return Shape.ORIGINAL_PRIMARY;
        }
    }

    /** @param sourceArn the active region's instance, which this one replicates */
    record CrossRegionReplica(
            String identifier, String arn, Credentials credentials, String sourceRegion, String sourceArn)
            implements Instance {
        @Override
        public Shape shape() {
            return Shape.CROSS_REGION_REPLICA;
        }
    }

    record Promoted(String identifier, String arn, Credentials credentials) implements Instance {
        @Override
        public Shape shape() {
            return Shape.PROMOTED;
        }
    }

    /**
     * The owner's and the application user's credentials: generated with the original instance in the manifest's
     * primary region and replicated, under the same names, to the other region.
     */
    record Credentials(String ownerSecretName, String applicationSecretName) {
        /** {@code <identifier>/credentials} and {@code <identifier>/application-credentials}. */
        public static Credentials of(String originalIdentifier) {
            return new Credentials(
                    originalIdentifier + "/credentials", originalIdentifier + "/application-credentials");
        }
    }
}
