package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.edge.TlsCertificate;
import io.drplatform.dr.rehearsal.template.DatabaseInstance;
import io.drplatform.dr.rehearsal.template.EcsService;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code dr local up} and {@code dr local down}: the rehearsal of one environment's synthesized region stacks on
 * loopback. Per region, each template resource as a real server on an address of the region's own network: the
 * database instance as PostgreSQL (the cross-region replica a streaming standby), the replication group as Redis,
 * each ECS service's task, and the load balancer with the listener's rules; around them the identity provider and
 * the failover entry point with the global stack's health checks.
 */
public final class LocalRegionPair {

    /** Whether any service's image is built from the reference service's Dockerfile, so runs the service jar. */
    public static boolean runsServiceJar(EnvironmentTemplates templates) {
        return templates.deployment().services().stream()
                .anyMatch(s -> LocalServices.runs(templates, s.name()).equals(TaskDefinitionFile.SERVICE_JAR));
    }

    /**
     * @param serviceJar  the reference service's jar: what an image built from its Dockerfile runs (null when no
     *                    service runs it)
     * @param timingScale the factor applied to the synthesized health-check intervals
     */
    public record Options(EnvironmentTemplates templates, Path serviceJar, double timingScale) {}

    /** What the pair runs, in start order; {@code down} stops them in reverse. */
    static final List<LocalResource> RESOURCES = List.of(
            new LocalPostgres(),
            new LocalRedis(),
            new LocalIdentityProvider(),
            new LocalServices(),
            new LocalLoadBalancers(),
            new LocalEntryPoint());

    private LocalRegionPair() {}

    public static LocalState up(Path stateDirectory, Options options, PrintStream out) throws Exception {
        if (Files.exists(stateDirectory.resolve(LocalState.FILE))) {
            throw new IllegalStateException(
                    "a local region pair is already up (state in " + stateDirectory + "); run: dr local down");
        }
        long started = System.nanoTime();
        EnvironmentTemplates templates = options.templates();
        Path base = Files.createTempDirectory("dr-local-");
        // postgres must be able to traverse into its data directories.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        RehearsalNetwork network = RehearsalNetwork.forThisRun();
        LocalState state = initialState(base, network, options);
        Files.createDirectories(state.privateDirectory());
        Files.setPosixFilePermissions(state.privateDirectory(), PosixFilePermissions.fromString("rwx------"));
        for (LocalState.RegionNode node : state.regions()) {
            Files.createDirectories(state.regionDirectory(node.name()));
            Files.setPosixFilePermissions(
                    state.regionDirectory(node.name()), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createDirectories(state.alarmDirectory());
        // Saved first, so `dr local down` can clean up whatever a failed `up` left behind.
        state.save(stateDirectory);
        try {
            writeAdminPassword(state);
            List<String> tlsAddresses = new ArrayList<>();
            state.regions().forEach(r -> {
                tlsAddresses.add(r.database().address());
                tlsAddresses.add(r.cache().address());
            });
            TlsCertificate tls = TlsCertificate.create(state.privateDirectory(), tlsAddresses);
            RehearsalTrust.create(state, tls);
            RehearsalValues values = RehearsalValues.generate(
                    state, templates, LocalIdentityProvider.issuerUri(state), LocalIdentityProvider.jwksUri(state));
            LocalResource.Startup startup = new LocalResource.Startup(stateDirectory, out, templates, values, tls);
            for (LocalResource resource : RESOURCES) {
                long resourceStarted = System.nanoTime();
                state = resource.start(state, startup);
                state.save(stateDirectory);
                out.printf(
                        "  (%s: %.1f s)%n",
                        resource.getClass().getSimpleName(), (System.nanoTime() - resourceStarted) / 1e9);
            }
            out.printf(
                    "rehearsal of %s (%s) up in %.1f s, health-check timings scaled by %s%n",
                    state.application(),
                    state.environment(),
                    (System.nanoTime() - started) / 1e9,
                    options.timingScale());
            return state;
        } catch (Exception e) {
            out.println("local up failed: " + e.getMessage() + "; cleaning up");
            down(stateDirectory, out);
            throw e;
        }
    }

    private static LocalState initialState(Path base, RehearsalNetwork network, Options options) {
        EnvironmentTemplates templates = options.templates();
        List<LocalState.RegionNode> nodes = new ArrayList<>();
        List<EnvironmentTemplates.Region> regions = templates.regions();
        for (int i = 0; i < regions.size(); i++) {
            RegionStackTemplate template = regions.get(i).template();
            DatabaseInstance database = template.regionDatabase()
                    .orElseThrow(
                            () -> new IllegalStateException(template.stack().name() + " has no database"));
            int index = i;
            LocalState.Server cache = template.cache()
                    .map(c -> new LocalState.Server(c.logicalId(), network.cache(index), c.port(), -1))
                    .orElse(null);
            List<LocalState.Task> tasks = new ArrayList<>();
            for (int s = 0; s < template.services().size(); s++) {
                EcsService service = template.services().get(s);
                tasks.add(new LocalState.Task(
                        service.name(),
                        service.logicalId(),
                        LocalServices.runs(templates, service.name()),
                        network.task(i, s),
                        RehearsalNetwork.taskPort(
                                service.container().containerPort().orElse(0)),
                        service.targetGroupId().orElse(null),
                        -1));
            }
            String listenerId = template.listener().map(l -> l.listenerId()).orElse(null);
            nodes.add(new LocalState.RegionNode(
                    template.region(),
                    template.stack().name(),
                    new LocalState.Server(database.logicalId(), network.database(i), database.port(), -1),
                    cache,
                    listenerId == null
                            ? null
                            : new LocalState.Server(listenerId, network.loadBalancer(i), LocalLoadBalancers.PORT, -1),
                    List.copyOf(tasks)));
        }
        String primaryRegion = templates.deployment().regions().primary();
        String databaseName = regions.get(0)
                .template()
                .regionDatabase()
                .map(DatabaseInstance::databaseName)
                .orElse(PostgresServer.MAINTENANCE_DATABASE);
        return new LocalState(
                base.toString(),
                templates.deployment().name(),
                templates.deployment().environment().id(),
                primaryRegion,
                nodes.stream()
                        .map(LocalState.RegionNode::name)
                        .filter(n -> !n.equals(primaryRegion))
                        .findFirst()
                        // A single-region environment has no standby: its region is rehearsed without failover.
                        .orElse(null),
                options.serviceJar() == null
                        ? null
                        : options.serviceJar().toAbsolutePath().toString(),
                databaseName,
                options.timingScale(),
                new LocalState.Server("identity provider", network.issuer(), LocalIdentityProvider.PORT, -1),
                new LocalState.EntryPointNode(network.entryPoint(), LocalEntryPoint.PORT, -1, null, 0, 0, 0, null),
                List.copyOf(nodes));
    }

    private static void writeAdminPassword(LocalState state) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        Path file = state.privateDirectory().resolve(PostgresServer.ADMIN_PASSWORD_FILE);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** Stops everything {@code up} started and deletes its directories. Safe to run on a half-started pair. */
    public static void down(Path stateDirectory, PrintStream out) throws IOException {
        LocalState state;
        try {
            state = LocalState.load(stateDirectory);
        } catch (IllegalStateException e) {
            out.println("nothing to stop: " + e.getMessage());
            return;
        }
        for (int i = RESOURCES.size() - 1; i >= 0; i--) {
            for (LocalState.RegionNode node : state.regions()) {
                RESOURCES.get(i).stop(state, node, out);
            }
        }
        PostgresServer.deleteRecursively(state.base());
        Files.deleteIfExists(stateDirectory.resolve(LocalState.FILE));
        out.println("local region pair stopped and removed");
    }
}
