package io.drplatform.dr.local;

import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.provider.RegionFaults;
import io.drplatform.dr.provider.RegionFence;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Stopping a region's writes on the rehearsal: the service's own {@code region_fence} row, else stopping the
 * region's tasks (as the AWS provider scales a fenced region's tasks to zero). The drill's fault is a region outage:
 * the region's tasks killed and its PostgreSQL crashed.
 */
final class LocalFencing implements RegionFaults {
    private final LocalPair pair;

    LocalFencing(LocalPair pair) {
        this.pair = pair;
    }

    @Override
    public Operation inject(String region) {
        LocalState state = pair.state();
        return new Operation(
                List.of(
                        "kill -9 the tasks in " + region,
                        "pg_ctl -D " + state.postgres(region).dataDirectory() + " -m immediate stop"),
                ctx -> {
                    Files.writeString(state.fenceFile(region), Instant.now().toString());
                    String tasks = pair.stopTasks(region, true);
                    PostgresServer pg = pair.state().postgres(region);
                    if (!pg.running()) {
                        return tasks + "; its PostgreSQL was already down";
                    }
                    pg.stop("immediate");
                    return tasks + "; crashed its PostgreSQL (pg_ctl stop -m immediate): a region outage";
                });
    }

    @Override
    public Operation recover(String region) {
        Operation unfence = unfence(region);
        return new Operation(List.of("pg_ctl start " + region), ctx -> {
            pair.state().postgres(region).start();
            return "restarted PostgreSQL in " + region + "; " + unfence.run(ctx);
        });
    }

    Operation fence(String region) {
        return new Operation(
                List.of("INSERT INTO region_fence ... active_region = <other region> on " + region
                        + " (or stop its tasks if the service has no region_fence)"),
                ctx -> fenceRegion(region));
    }

    Operation unfence(String region) {
        return new Operation(
                List.of(
                        "INSERT INTO region_fence ... active_region = " + region + " if its database is writable",
                        "start its tasks if stopped"),
                ctx -> unfenceRegion(region));
    }

    private String fenceRegion(String region) throws IOException {
        LocalState state = pair.state();
        Files.writeString(state.fenceFile(region), Instant.now().toString());
        // The reference service's own fence: name the other region on this (still writable) database. The service
        // checks it in the same statement as every write, and the row replicates to the standby.
        String other = pair.other(region);
        try (Connection c = state.postgres(region).connect(state.databaseName())) {
            if (RegionFence.supported(c)) {
                long epoch = RegionFence.set(c, other);
                return "region_fence set to " + other + " (epoch " + epoch + ") on " + region + "'s database: " + region
                        + " refuses writes";
            }
        } catch (SQLException e) {
            // database unreachable: fall through to stopping the tasks
        }
        return pair.stopTasks(region, false);
    }

    private String unfenceRegion(String region) throws IOException, InterruptedException {
        LocalState state = pair.state();
        boolean was = Files.deleteIfExists(state.fenceFile(region));
        StringBuilder detail = new StringBuilder(was ? "fence lifted in " + region : region + " was not fenced");
        if ("primary".equals(pair.databaseRole(region))) {
            try (Connection c = state.postgres(region).connect(state.databaseName())) {
                detail.append(RegionFence.lift(c, region));
            } catch (SQLException e) {
                throw new IOException("cannot set region_fence in " + region + ": " + e.getMessage(), e);
            }
        }
        detail.append("; ").append(pair.startTasks(region));
        return detail.toString();
    }
}
