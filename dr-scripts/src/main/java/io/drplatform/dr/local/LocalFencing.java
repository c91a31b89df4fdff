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
 * Stopping a region's writes on the pair: a marker file the stand-in service honours, else the reference service's
 * own {@code region_fence}, else stopping the region's service instance. The drill's fault is the same fence plus a
 * crash of the region's PostgreSQL, as a region outage.
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
                        "write fence marker " + state.fenceFile(region),
                        "pg_ctl -D " + state.postgres(region).dataDirectory() + " -m immediate stop"),
                ctx -> {
                    String fence = fenceRegion(region, true);
                    PostgresServer pg = pair.state().postgres(region);
                    if (!pg.running()) {
                        return fence + "; its PostgreSQL was already down";
                    }
                    pg.stop("immediate");
                    return fence + "; crashed its PostgreSQL (pg_ctl stop -m immediate): a region outage";
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
        List<String> plan = RegionServiceLauncher.honoursFenceMarker(pair.state())
                ? List.of("write fence marker " + pair.state().fenceFile(region))
                : List.of("INSERT INTO region_fence ... active_region = <other region> on " + region
                        + " (or stop its service instance if the service has no region_fence)");
        return new Operation(plan, ctx -> fenceRegion(region, false));
    }

    Operation unfence(String region) {
        List<String> plan = RegionServiceLauncher.honoursFenceMarker(pair.state())
                ? List.of("delete fence marker " + pair.state().fenceFile(region))
                : List.of(
                        "INSERT INTO region_fence ... active_region = " + region + " if its database is writable",
                        "start its service instance if stopped");
        return new Operation(plan, ctx -> unfenceRegion(region));
    }

    private String fenceRegion(String region, boolean crash) throws IOException {
        LocalState state = pair.state();
        Files.writeString(state.fenceFile(region), Instant.now().toString());
        if (RegionServiceLauncher.honoursFenceMarker(state)) {
            return "fence marker written: " + region + " refuses writes";
        }
        if (!crash) {
            // The reference service's own fence: name the other region on this (still writable) database. The
            // service checks it in the same statement as every write, and the row replicates to the standby.
            String other = pair.other(region);
            try (Connection c = state.postgres(region).connect()) {
                if (RegionFence.supported(c)) {
                    long epoch = RegionFence.set(c, other);
                    return "region_fence set to " + other + " (epoch " + epoch + ") on " + region + "'s database: "
                            + region + " refuses writes";
                }
            } catch (SQLException e) {
                // database unreachable: fall through to stopping the instance
            }
        }
        // No fence the service knows (or a region outage): stop its instance, as the AWS provider scales tasks to zero.
        LocalState.RegionNode node = state.region(region);
        if (crash) {
            RegionServiceLauncher.kill(state, node);
        } else {
            RegionServiceLauncher.stop(state, node);
        }
        pair.recordServicePid(region, -1);
        return "fence marker written and the service instance in " + region + (crash ? " killed" : " stopped");
    }

    private String unfenceRegion(String region) throws IOException, InterruptedException {
        LocalState state = pair.state();
        boolean was = Files.deleteIfExists(state.fenceFile(region));
        StringBuilder detail = new StringBuilder(was ? "fence lifted in " + region : region + " was not fenced");
        if (RegionServiceLauncher.honoursFenceMarker(state)) {
            return detail.toString();
        }
        if ("primary".equals(pair.databaseRole(region))) {
            try (Connection c = state.postgres(region).connect()) {
                detail.append(RegionFence.lift(c, region));
            } catch (SQLException e) {
                throw new IOException("cannot set region_fence in " + region + ": " + e.getMessage(), e);
            }
        }
        LocalState.RegionNode node = state.region(region);
        if (!LocalProcesses.alive(node.servicePid())) {
            long pid = RegionServiceLauncher.start(state, node);
            pair.recordServicePid(region, pid);
            detail.append("; service instance started (pid ").append(pid).append(")");
        }
        return detail.toString();
    }
}
