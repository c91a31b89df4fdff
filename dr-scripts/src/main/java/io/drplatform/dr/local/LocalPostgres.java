package io.drplatform.dr.local;

import java.io.PrintStream;
import java.sql.Connection;

/**
 * PostgreSQL in each region: the primary, and the standby a streaming replica built with
 * {@code pg_basebackup -R -X stream -C -S} from it. With the stand-in service the primary gets its schema here; the
 * reference service migrates its own.
 */
final class LocalPostgres implements LocalResource {

    /** The replication slot the region's standby streams through. */
    static String slot(String region) {
        return "standby_" + region.replaceAll("[^a-z0-9_]", "_");
    }

    @Override
    public LocalState start(LocalState state, Startup startup) throws Exception {
        PrintStream out = startup.out();
        PostgresServer primary = state.postgres(state.primaryRegion());
        out.println("PostgreSQL primary in " + state.primaryRegion() + " on 127.0.0.1:" + primary.port());
        primary.initPrimary();
        primary.start();
        if (RegionServiceLauncher.STAND_IN.equals(state.serviceMode())) {
            try (Connection c = primary.connect()) {
                c.createStatement().execute(StandInService.SCHEMA);
            }
        }
        PostgresServer standby = state.postgres(state.standbyRegion());
        out.println("PostgreSQL standby in " + state.standbyRegion() + " on 127.0.0.1:" + standby.port()
                + " (pg_basebackup -R, slot " + slot(state.standbyRegion()) + ")");
        standby.initStandbyOf(primary, slot(state.standbyRegion()));
        standby.start();
        return state;
    }

    @Override
    public void stop(LocalState state, LocalState.RegionNode node, PrintStream out) {
        try {
            state.postgres(node.name()).stop("fast");
        } catch (Exception e) {
            out.println("stopping PostgreSQL in " + node.name() + ": " + e.getMessage());
        }
    }
}
