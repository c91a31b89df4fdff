package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.template.GlobalStackTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The global stack's failover records and health checks as a {@link FailoverEntryPoint}: the PRIMARY record's
 * region and the SECONDARY's, each region's load balancer probed on the health check's path, every interval scaled by
 * the rehearsal's timing scale, with the health check's failure threshold.
 */
final class LocalEntryPoint implements LocalResource {
    static final int PORT = 8000;

    @Override
    public LocalState start(LocalState state, Startup startup) throws Exception {
        if (startup.templates().global().isEmpty()) {
            startup.out()
                    .println("no global stack: no failover records to rehearse; the region's load balancer is the entry"
                            + " point");
            return state.withEntryPoint(null);
        }
        GlobalStackTemplate global = startup.templates().global().orElseThrow();
        String primary;
        String secondary;
        GlobalStackTemplate.HealthCheck check;
        String records;
        String recordsId;
        if (global.failoverRecords().isEmpty()) {
            // With routing controls the records live in the routing-control stack and follow the controls on-call
            // sets; the rehearsal routes by the regions' health checks, as the controls would be set after them.
            primary = state.primaryRegion();
            secondary = state.standbyRegion();
            check = healthCheckOf(global, primary);
            records = "no failover records in " + global.stack().name() + " (routing controls): routing by "
                    + check.logicalId();
            recordsId = check.logicalId();
        } else {
            GlobalStackTemplate.FailoverRecord primaryRecord = record(global, "PRIMARY");
            primary = regionOf(state, global, primaryRecord);
            secondary = regionOf(state, global, record(global, "SECONDARY"));
            check = global.healthChecks()
                    .get(primaryRecord
                            .healthCheckId()
                            .orElseThrow(() -> new IllegalStateException(
                                    primaryRecord.logicalId() + ": the PRIMARY record has no health check")));
            records = primaryRecord.logicalId() + " (" + primaryRecord.name() + ")";
            recordsId = primaryRecord.logicalId();
        }
        long intervalMs = Math.max(100, Math.round(check.intervalSeconds() * 1000 * state.timingScale()));
        LocalState.EntryPointNode node = new LocalState.EntryPointNode(
                state.entryPoint().address(),
                PORT,
                -1,
                check.path(),
                intervalMs,
                check.failureThreshold(),
                check.intervalSeconds(),
                recordsId);
        List<String> command = LocalProcesses.toolJvm(
                96,
                FailoverEntryPoint.class,
                "--address",
                node.address(),
                "--port",
                Integer.toString(PORT),
                "--primary-region",
                primary,
                "--primary-url",
                state.region(primary).loadBalancer().url(),
                "--secondary-region",
                secondary,
                "--secondary-url",
                state.region(secondary).loadBalancer().url(),
                "--interval-ms",
                Long.toString(intervalMs),
                "--threshold",
                Integer.toString(check.failureThreshold()),
                "--health-path",
                check.path());
        long pid = LocalProcesses.startDetached(command, Map.of(), state.base().resolve("entrypoint.log"));
        state = startup.record(state.withEntryPoint(node.withPid(pid)));
        if (!LocalProcesses.awaitHttp(
                state.entryPointUrl() + FailoverEntryPoint.STATUS_PATH, Duration.ofSeconds(30), pid)) {
            throw new IOException(
                    "entry point did not start; see " + state.base().resolve("entrypoint.log"));
        }
        // Up means serving: wait until the entry point sees the primary region healthy.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String healthy = "\"region\":\"" + primary + "\",\"record\":\"PRIMARY\",\"healthy\":true";
        while (!LocalProcesses.httpBody(state.entryPointUrl() + FailoverEntryPoint.STATUS_PATH, Duration.ofSeconds(2))
                .contains(healthy)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the entry point does not see " + primary + " healthy on " + check.path()
                        + " after 120 s; see " + state.base());
            }
            Thread.sleep(200);
        }
        startup.out()
                .println("failover entry point on " + state.entryPointUrl() + " for " + records + ", PRIMARY " + primary
                        + ", SECONDARY " + secondary + "; "
                        + check.logicalId() + " probes " + check.path() + " every " + intervalMs + " ms (synthesized "
                        + check.intervalSeconds() + " s), unhealthy after " + check.failureThreshold());
        return state;
    }

    private static GlobalStackTemplate.FailoverRecord record(GlobalStackTemplate global, String failover) {
        return global.failoverRecords().stream()
                .filter(r -> r.failover().equals(failover))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException(global.stack().name() + " has no " + failover + " failover record"));
    }

    /** The health check that probes a region (its regional name starts with the region). */
    private static GlobalStackTemplate.HealthCheck healthCheckOf(GlobalStackTemplate global, String region) {
        return global.healthChecks().values().stream()
                .filter(c -> c.domainName().startsWith(region + "."))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException(global.stack().name() + " has no health check of " + region));
    }

    /** The region a record aliases: the one whose region stack's name the alias starts with. */
    private static String regionOf(
            LocalState state, GlobalStackTemplate global, GlobalStackTemplate.FailoverRecord record) {
        return state.regions().stream()
                .map(LocalState.RegionNode::name)
                .filter(region -> record.aliasTarget().startsWith(region + "."))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        record.logicalId() + " " + record.failover() + " aliases " + record.aliasTarget()
                                + ", which names no region of " + global.stack().name()));
    }

    @Override
    public void stop(LocalState state, LocalState.RegionNode node, PrintStream out) {
        if (state.entryPoint() != null) {
            LocalProcesses.stop(state.entryPoint().pid(), FailoverEntryPoint.class.getName());
        }
    }
}
