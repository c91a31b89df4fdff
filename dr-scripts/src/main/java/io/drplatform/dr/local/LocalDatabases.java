package io.drplatform.dr.local;

import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.engine.StepContext;
import io.drplatform.dr.provider.DatabaseOperations;
import io.drplatform.dr.provider.RegionFence;
import io.drplatform.dr.provider.ReplicaLag;
import io.drplatform.dr.provider.WalCatchUp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** The pair's real PostgreSQL servers: streaming replication, {@code pg_promote}, {@code pg_basebackup}. */
final class LocalDatabases implements DatabaseOperations {
    private final LocalPair pair;
    private final LocalFencing fencing;

    LocalDatabases(LocalPair pair, LocalFencing fencing) {
        this.pair = pair;
        this.fencing = fencing;
    }

    @Override
    public ReplicaLag replicaLag(String standbyRegion) {
        Double seconds = null;
        Long bytes = null;
        String replayLsn = null;
        try (Connection c = pair.state().postgres(standbyRegion).connect();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()),"
                                        + " pg_last_wal_replay_lsn()::text, pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())")) {
            rs.next();
            seconds = rs.getObject(1) == null ? null : Math.max(0, rs.getDouble(1));
            replayLsn = rs.getString(2);
            bytes = rs.getObject(3) == null ? null : rs.getLong(3);
        } catch (SQLException e) {
            return new ReplicaLag(null, null);
        }
        // Bytes behind the primary (what is written but not yet replayed), when the primary answers.
        if (replayLsn != null) {
            try (Connection c = pair.state().postgres(pair.other(standbyRegion)).connect();
                    ResultSet rs = c.createStatement()
                            .executeQuery(
                                    "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), '"
                                            + replayLsn + "') END")) {
                rs.next();
                if (rs.getObject(1) != null) {
                    bytes = Math.max(0, rs.getLong(1));
                    // now() - last replay time grows on an idle primary; with nothing left to replay the lag is zero.
                    if (bytes == 0) {
                        seconds = 0.0;
                    }
                }
            } catch (SQLException ignored) {
                // primary down: keep the standby's own received-but-not-replayed figure
            }
        }
        return new ReplicaLag(seconds, bytes);
    }

    @Override
    public boolean standbyReplicating(String standbyRegion) {
        try (Connection c = pair.state().postgres(standbyRegion).connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT pg_is_in_recovery(), (SELECT status FROM pg_stat_wal_receiver)")) {
            rs.next();
            return rs.getBoolean(1) && "streaming".equals(rs.getString(2));
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public boolean isReplica(String region) {
        return "replica".equals(pair.databaseRole(region));
    }

    @Override
    public Operation fence(String region) {
        return fencing.fence(region);
    }

    @Override
    public Operation unfence(String region) {
        return fencing.unfence(region);
    }

    @Override
    public Operation awaitCaughtUp(String from, String to) {
        return new Operation(
                WalCatchUp.plan(from, to),
                ctx -> WalCatchUp.local(region -> pair.state().postgres(region).connect())
                        .await(from, to, ctx));
    }

    @Override
    public Operation promote(String region) {
        return new Operation(
                List.of(
                        "SELECT pg_promote(true, 60) on "
                                + pair.state().region(region).database().address() + ":"
                                + pair.state().region(region).database().port(),
                        "INSERT INTO region_fence (id, active_region, epoch) VALUES (1, '" + region
                                + "', 1) ON CONFLICT (id) DO UPDATE ... epoch + 1 (when the table exists)"),
                ctx -> promoteNow(region));
    }

    private String promoteNow(String region) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = pair.state().postgres(region).connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT pg_promote(true, 60)")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("pg_promote returned false in " + region);
            }
        }
        String detail =
                "pg_promote(true, 60) in " + region + " took " + (System.nanoTime() - start) / 1_000_000 + " ms";
        try (Connection c = pair.state().postgres(region).connect(pair.state().databaseName())) {
            // The failover writes the fence on the promoted database: every other region's instances now refuse writes.
            if (RegionFence.supported(c)) {
                detail += "; region_fence set to " + region + " (epoch " + RegionFence.set(c, region) + ")";
            }
        }
        return detail;
    }

    @Override
    public Operation rebuildAsReplica(String region, String source) {
        return new Operation(
                List.of(
                        "pg_ctl stop " + region,
                        "pg_basebackup -h "
                                + pair.state().region(source).database().address() + " -p "
                                + pair.state().region(source).database().port() + " -R -X stream -C -S "
                                + LocalPostgres.slot(region),
                        "pg_ctl start " + region),
                ctx -> rebuildAsReplica(region, source, ctx));
    }

    private String rebuildAsReplica(String region, String source, StepContext context) throws Exception {
        PostgresServer target = pair.state().postgres(region);
        target.stop("fast");
        target.initStandbyOf(pair.state().postgres(source), LocalPostgres.slot(region));
        target.start();
        boolean streaming = context.await(
                region + " streaming from " + source,
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                () -> standbyReplicating(region));
        if (!streaming) {
            throw new IllegalStateException(region + " is not streaming from " + source);
        }
        return region + " rebuilt with pg_basebackup -R -C -S " + LocalPostgres.slot(region) + " and streaming from "
                + source;
    }
}
