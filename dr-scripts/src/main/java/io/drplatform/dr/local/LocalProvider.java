package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drplatform.dr.drill.Milestone;
import io.drplatform.dr.drill.StepContext;
import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.provider.DrProvider;
import io.drplatform.dr.provider.RegionFence;
import io.drplatform.dr.provider.RegionState;
import io.drplatform.dr.provider.ReplicaLag;
import io.drplatform.dr.provider.WalCatchUp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The DR operations on the local region pair: fences are marker files, the database is real PostgreSQL. */
public final class LocalProvider implements DrProvider {
    private final Path stateDirectory;
    private LocalState state;
    private final EntryPoint entryPoint;

    public LocalProvider(Path stateDirectory, String bearerToken) throws IOException {
        this.stateDirectory = stateDirectory;
        this.state = LocalState.load(stateDirectory);
        String token = bearerToken;
        if (token == null || token.isBlank()) {
            try {
                token = LocalTokens.mint(state, Duration.ofHours(2));
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot mint a local token", e);
            }
        }
        this.entryPoint =
                new EntryPoint(URI.create(state.entryPointUrl()), token, RegionServiceLauncher.HEARTBEAT_BODY);
    }

    public LocalState state() {
        return state;
    }

    @Override
    public String name() {
        return "local";
    }

    /**
     * The region whose PostgreSQL is up and not in recovery; when none is, the region that is down while the other
     * holds a replica (the failed active region a real failover moves away from).
     */
    @Override
    public String activeRegion() {
        String down = null;
        boolean replicaSeen = false;
        for (LocalState.RegionNode node : state.regions()) {
            String role = databaseRole(node.name());
            if ("primary".equals(role)) {
                return node.name();
            }
            if ("down".equals(role)) {
                down = node.name();
            } else {
                replicaSeen = true;
            }
        }
        if (down != null && replicaSeen) {
            return down;
        }
        throw new IllegalStateException("no writable database in the local region pair");
    }

    @Override
    public String standbyRegion() {
        String active = activeRegion();
        return state.regions().stream()
                .map(LocalState.RegionNode::name)
                .filter(n -> !n.equals(active))
                .findFirst()
                .orElseThrow();
    }

    /** primary, replica or down. */
    public String databaseRole(String region) {
        try (Connection c = state.postgres(region).connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1) ? "replica" : "primary";
        } catch (SQLException e) {
            return "down";
        }
    }

    @Override
    public List<RegionState> status() throws Exception {
        JsonNode ep = entryPointStatus();
        List<RegionState> out = new ArrayList<>();
        for (LocalState.RegionNode node : state.regions()) {
            String role = databaseRole(node.name());
            ReplicaLag lag = "replica".equals(role) ? replicaLag(node.name()) : null;
            String health = "unknown";
            boolean answering = false;
            if (ep != null) {
                for (JsonNode r : ep.get("regions")) {
                    if (r.get("region").asText().equals(node.name())) {
                        health = (r.get("healthy").asBoolean() ? "healthy" : "unhealthy") + " ("
                                + r.get("record").asText() + ", "
                                + r.get("lastCheck").asText() + ")";
                    }
                }
                answering = node.name().equals(ep.get("answering").asText());
            }
            String tasks = (LocalProcesses.alive(node.servicePid()) ? "1/1" : "0/1") + " " + state.serviceMode()
                    + (Files.exists(state.fenceFile(node.name())) ? ", fenced" : "");
            out.add(new RegionState(
                    node.name(),
                    "primary".equals(role) ? "primary" : "replica".equals(role) ? "standby" : "down",
                    role,
                    lag,
                    health,
                    answering,
                    firingAlarms(),
                    tasks));
        }
        return out;
    }

    JsonNode entryPointStatus() {
        try {
            return new ObjectMapper()
                    .readTree(LocalProcesses.httpBody(
                            state.entryPointUrl() + FailoverEntryPoint.STATUS_PATH, Duration.ofSeconds(2)));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Local alarms are marker files ({@code dr local alarm NAME}), so stop conditions can be exercised on a laptop. */
    @Override
    public List<String> firingAlarms() throws IOException {
        return PostgresServer.list(state.alarmDirectory()).stream()
                .map(p -> p.getFileName().toString())
                .sorted()
                .toList();
    }

    @Override
    public ReplicaLag replicaLag(String standbyRegion) {
        Double seconds = null;
        Long bytes = null;
        String replayLsn = null;
        try (Connection c = state.postgres(standbyRegion).connect();
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
        String other = state.regions().stream()
                .map(LocalState.RegionNode::name)
                .filter(n -> !n.equals(standbyRegion))
                .findFirst()
                .orElseThrow();
        if (replayLsn != null) {
            try (Connection c = state.postgres(other).connect();
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
        try (Connection c = state.postgres(standbyRegion).connect();
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
        return "replica".equals(databaseRole(region));
    }

    @Override
    public EntryPoint entryPoint() {
        return entryPoint;
    }

    @Override
    public String injectRegionFault(String region, StepContext context) throws Exception {
        String fence = fenceRegion(region, true);
        PostgresServer pg = state.postgres(region);
        if (!pg.running()) {
            return fence + "; its PostgreSQL was already down";
        }
        pg.stop("immediate");
        return fence + "; crashed its PostgreSQL (pg_ctl stop -m immediate): a region outage";
    }

    @Override
    public List<String> planRegionFault(String region) {
        return List.of(
                "write fence marker " + state.fenceFile(region),
                "pg_ctl -D " + state.postgres(region).dataDirectory() + " -m immediate stop");
    }

    @Override
    public String recoverRegionFault(String region, StepContext context) throws Exception {
        state.postgres(region).start();
        return "restarted PostgreSQL in " + region + "; " + unfence(region, context);
    }

    @Override
    public String fence(String region, StepContext context) throws IOException {
        return fenceRegion(region, false);
    }

    private String fenceRegion(String region, boolean crash) throws IOException {
        Files.writeString(state.fenceFile(region), Instant.now().toString());
        if (RegionServiceLauncher.honoursFenceMarker(state)) {
            return "fence marker written: " + region + " refuses writes";
        }
        LocalState.RegionNode node = state.region(region);
        if (!crash) {
            // The reference service's own fence: name the other region on this (still writable) database. The
            // service checks it in the same statement as every write, and the row replicates to the standby.
            String other = otherRegion(region);
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
        if (crash) {
            RegionServiceLauncher.kill(state, node);
        } else {
            RegionServiceLauncher.stop(state, node);
        }
        updateServicePid(node, -1);
        return "fence marker written and the service instance in " + region + (crash ? " killed" : " stopped");
    }

    private String otherRegion(String region) {
        return state.regions().stream()
                .map(LocalState.RegionNode::name)
                .filter(n -> !n.equals(region))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public String unfence(String region, StepContext context) throws IOException, InterruptedException {
        boolean was = Files.deleteIfExists(state.fenceFile(region));
        StringBuilder detail = new StringBuilder(was ? "fence lifted in " + region : region + " was not fenced");
        if (RegionServiceLauncher.honoursFenceMarker(state)) {
            return detail.toString();
        }
        if ("primary".equals(databaseRole(region))) {
            try (Connection c = state.postgres(region).connect()) {
                detail.append(RegionFence.lift(c, region));
            } catch (SQLException e) {
                throw new IOException("cannot set region_fence in " + region + ": " + e.getMessage(), e);
            }
        }
        LocalState.RegionNode node = state.region(region);
        if (!LocalProcesses.alive(node.servicePid())) {
            long pid = RegionServiceLauncher.start(state, node);
            updateServicePid(node, pid);
            detail.append("; service instance started (pid ").append(pid).append(")");
        }
        return detail.toString();
    }

    private void updateServicePid(LocalState.RegionNode node, long pid) throws IOException {
        state = state.withRegion(new LocalState.RegionNode(
                node.name(), node.postgresPort(), node.redisPort(), node.redisPid(), node.servicePort(), pid));
        state.save(stateDirectory);
    }

    @Override
    public List<String> planFence(String region, boolean fence) {
        if (RegionServiceLauncher.honoursFenceMarker(state)) {
            return List.of((fence ? "write " : "delete ") + "fence marker " + state.fenceFile(region));
        }
        return fence
                ? List.of("INSERT INTO region_fence ... active_region = <other region> on " + region
                        + " (or stop its service instance if the service has no region_fence)")
                : List.of(
                        "INSERT INTO region_fence ... active_region = " + region + " if its database is writable",
                        "start its service instance if stopped");
    }

    @Override
    public String awaitCaughtUp(String from, String to, StepContext context) throws Exception {
        return WalCatchUp.local(region -> state.postgres(region).connect()).await(from, to, context);
    }

    @Override
    public List<String> planAwaitCaughtUp(String from, String to) {
        return WalCatchUp.plan(from, to);
    }

    @Override
    public String promote(String region, StepContext context) throws Exception {
        long start = System.nanoTime();
        try (Connection c = state.postgres(region).connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT pg_promote(true, 60)")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("pg_promote returned false in " + region);
            }
        }
        String detail =
                "pg_promote(true, 60) in " + region + " took " + (System.nanoTime() - start) / 1_000_000 + " ms";
        try (Connection c = state.postgres(region).connect()) {
            // The failover writes the fence on the promoted database: every other region's instances now refuse writes.
            if (RegionFence.supported(c)) {
                detail += "; region_fence set to " + region + " (epoch " + RegionFence.set(c, region) + ")";
            }
        }
        return detail;
    }

    @Override
    public List<String> planPromote(String region) {
        return List.of(
                "SELECT pg_promote(true, 60) on 127.0.0.1:"
                        + state.region(region).postgresPort(),
                "INSERT INTO region_fence (id, active_region, epoch) VALUES (1, '" + region
                        + "', 1) ON CONFLICT (id) DO UPDATE ... epoch + 1 (when the table exists)");
    }

    @Override
    public String scaleUp(String region, StepContext context) throws Exception {
        LocalState.RegionNode node = state.region(region);
        if (LocalProcesses.alive(node.servicePid())) {
            return "service instance already running in " + region + " (warm standby on loopback)";
        }
        long pid = RegionServiceLauncher.start(state, node);
        updateServicePid(node, pid);
        return "started service instance in " + region + " (pid " + pid + ")";
    }

    @Override
    public List<String> planScaleUp(String region) {
        return List.of("ensure the service instance in " + region + " runs on 127.0.0.1:"
                + state.region(region).servicePort());
    }

    @Override
    public String switchRouting(String from, String to, StepContext context) throws Exception {
        // Routing follows health like Route 53 failover records: wait until the entry point answers with `to`.
        Duration deadline = Duration.ofMillis(state.healthIntervalMs() * (state.failureThreshold() * 4L + 4) + 30_000);
        boolean switched = context.await("entry point answering from " + to, deadline, Duration.ofMillis(50), () -> {
            JsonNode s = entryPointStatus();
            return s != null && to.equals(s.get("answering").asText());
        });
        if (!switched) {
            throw new IllegalStateException(
                    "entry point still not answering from " + to + " after " + deadline.toSeconds() + " s");
        }
        JsonNode s = entryPointStatus();
        Instant fault = context.milestone(Milestone.FAULT);
        Instant detected = null;
        Instant switchedAt = null;
        for (JsonNode e : s.get("events")) {
            Instant at = Instant.parse(e.get("at").asText());
            if (fault != null && at.isBefore(fault)) {
                continue;
            }
            if (detected == null
                    && "unhealthy".equals(e.get("type").asText())
                    && from.equals(e.get("region").asText())) {
                detected = at;
            }
            if ("answering".equals(e.get("type").asText())
                    && to.equals(e.get("region").asText())) {
                switchedAt = at;
            }
        }
        if (detected != null) {
            context.mark(Milestone.DETECTION, detected);
        }
        context.mark(Milestone.ROUTING_SWITCH, switchedAt != null ? switchedAt : Instant.now());
        return "entry point answers from " + to
                + (detected != null ? "; " + from + " marked unhealthy at " + detected : "");
    }

    @Override
    public List<String> planSwitchRouting(String from, String to) {
        return List.of("poll GET " + state.entryPointUrl() + FailoverEntryPoint.STATUS_PATH + " until it answers from "
                + to + " (health every " + state.healthIntervalMs() + " ms, threshold " + state.failureThreshold()
                + ")");
    }

    @Override
    public String rebuildAsReplica(String region, String source, StepContext context) throws Exception {
        PostgresServer target = state.postgres(region);
        target.stop("fast");
        target.initStandbyOf(state.postgres(source), LocalRegionPair.slot(region));
        target.start();
        boolean streaming = context.await(
                region + " streaming from " + source,
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                () -> standbyReplicating(region));
        if (!streaming) {
            throw new IllegalStateException(region + " is not streaming from " + source);
        }
        return region + " rebuilt with pg_basebackup -R -C -S " + LocalRegionPair.slot(region) + " and streaming from "
                + source;
    }

    @Override
    public List<String> planRebuildAsReplica(String region, String source) {
        return List.of(
                "pg_ctl stop " + region,
                "pg_basebackup -h 127.0.0.1 -p " + state.region(source).postgresPort() + " -R -X stream -C -S "
                        + LocalRegionPair.slot(region),
                "pg_ctl start " + region);
    }
}
