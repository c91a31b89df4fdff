package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.resolve.RegionValues;
import io.drplatform.dr.rehearsal.template.DatabaseInstance;
import java.io.PrintStream;

/**
 * The region stacks' database instances: the primary region's as RDS creates it (master user, database, TLS), and
 * each cross-region replica a streaming standby of it, built with {@code pg_basebackup -R -X stream -C -S}.
 */
final class LocalPostgres implements LocalResource {

    /** The replication slot the region's standby streams through. */
    static String slot(String region) {
        return "standby_" + region.replaceAll("[^a-z0-9_]", "_");
    }

    @Override
    public LocalState start(LocalState state, Startup startup) throws Exception {
        PrintStream out = startup.out();
        for (EnvironmentTemplates.Region region : startup.templates().regions()) {
            String name = region.template().region();
            DatabaseInstance instance = region.template()
                    .regionDatabase()
                    .orElseThrow(() -> new IllegalStateException(
                            region.template().stack().name() + " has no database instance of its own"));
            PostgresServer server = state.postgres(name);
            switch (instance.role()) {
                case PRIMARY, PROMOTED -> {
                    RegionValues.DatabaseMaster master = startup.values()
                            .region(name)
                            .databaseMaster()
                            .orElseThrow(() -> new IllegalStateException(instance.logicalId() + " in " + name
                                    + " is a primary without a master user: the rehearsal cannot create it"));
                    out.println(instance.logicalId() + ": PostgreSQL primary in " + name + " on " + server.address()
                            + ":" + server.port() + " (TLS required, master user " + master.username()
                            + ", database " + master.databaseName() + ")");
                    server.initPrimary(
                            startup.tls().certificate(),
                            startup.tls().key(),
                            master.username(),
                            master.password(),
                            master.databaseName());
                }
                case CROSS_REGION_REPLICA -> {
                    String source = state.other(name);
                    out.println(instance.logicalId() + ": PostgreSQL cross-region replica in " + name + " on "
                            + server.address() + ":" + server.port() + ", streaming from " + source + " (slot "
                            + slot(name) + ")");
                    server.initStandbyOf(state.postgres(source), slot(name));
                    server.start();
                }
                default ->
                    throw new IllegalStateException(instance.logicalId()
                            + " is an in-region reader; the rehearsal runs each region's own instance");
            }
        }
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
