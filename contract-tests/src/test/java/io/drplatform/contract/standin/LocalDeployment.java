package io.drplatform.contract.standin;

import com.fasterxml.jackson.databind.JsonNode;
import io.drplatform.dr.rehearsal.edge.LoadBalancerSpec;
import io.drplatform.dr.rehearsal.edge.LoadBalancerStatus;
import io.drplatform.dr.rehearsal.edge.LocalIssuer;
import io.drplatform.dr.rehearsal.edge.LocalLoadBalancer;
import io.drplatform.dr.rehearsal.edge.Loopback;
import io.drplatform.dr.rehearsal.edge.TlsCertificate;
import io.drplatform.dr.rehearsal.resolve.EnvironmentSecrets;
import io.drplatform.dr.rehearsal.resolve.Intrinsics;
import io.drplatform.dr.rehearsal.resolve.LocalEndpoints;
import io.drplatform.dr.rehearsal.template.ContainerSpec;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import io.drplatform.dr.rehearsal.template.ServiceDeployment;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One service of a synthesized stack, running locally as the stack would run it: the stack's database instance
 * and cache as PostgreSQL and Redis with the stack's users, secrets, ports and TLS; the identity provider as a local
 * issuer; the migration as a one-off run of the jar; the service with its task's environment; and the listener's
 * rules as a load balancer in front of it. {@link #close()} stops everything in reverse order.
 */
public final class LocalDeployment implements AutoCloseable {
    /**
     * How long the migration may run and the service may take to become healthy: 120 s, or {@code
     * -Dcontract.start.seconds} on a machine so loaded that a JVM takes minutes to start.
     */
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(Long.getLong("contract.start.seconds", 120));
    /** The health checks' template seconds run five times as fast: 15 s intervals would make the test wait. */
    private static final Duration TEMPLATE_SECOND = Duration.ofMillis(200);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Loopback loopback = Loopback.forThisRun();
    private ServiceDeployment service;
    private LocalIssuer issuer;
    private LocalRedis redis;
    private ServiceProcess process;
    private LocalLoadBalancer loadBalancer;
    private String targetHealth;

    private LocalDeployment() {}

    /**
     * @param jar  the service's jar (the image's application)
     * @param work a directory for the logs (kept) and the servers' data
     */
    public static LocalDeployment start(SynthesizedStack stack, String serviceName, Path jar, Path work)
            throws Exception {
        LocalDeployment deployment = new LocalDeployment();
        // A test JVM that is killed (surefire's fork timeout) must not leave servers behind on the loopback addresses.
        Runtime.getRuntime().addShutdownHook(new Thread(deployment::close, "local-deployment-stop"));
        try {
            deployment.startAll(stack, serviceName, jar, work);
            return deployment;
        } catch (Exception | Error e) {
            deployment.close();
            throw e;
        }
    }

    private void startAll(SynthesizedStack stack, String serviceName, Path jar, Path work) throws Exception {
        service = ServiceDeployment.read(stack, serviceName);
        EnvironmentSecrets secrets = EnvironmentSecrets.generate(stack);
        Path servers = Files.createTempDirectory("contract-servers-");
        Files.setPosixFilePermissions(servers, PosixFilePermissions.fromString("rwxr-xr-x"));
        started.push(() -> Commands.deleteTree(servers));
        TlsCertificate tls = TlsCertificate.create(servers, List.of(loopback.database(), loopback.cache()));
        String storePassword = UUID.randomUUID().toString();
        // The trust store stands in for the image's CA certificates, so it lives where the image's files do: outside
        // the temporary directory, which a container's scratch volume at /tmp would hide.
        Path trustStore = Files.copy(
                tls.trustStore(storePassword),
                work.resolve("ca-certificates.p12"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(trustStore, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> jvm = List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + storePassword);
        issuer = started(LocalIssuer.start(loopback.issuer(), 0, servers.resolve("issuer")));
        Intrinsics values = new Intrinsics(
                stack,
                secrets,
                new LocalEndpoints(loopback.database(), loopback.cache(), issuer.issuerUri(), issuer.jwksUri()));

        Map.Entry<String, JsonNode> database = only(stack, "AWS::RDS::DBInstance", "SourceDBInstanceIdentifier");
        String db = database.getKey() + ".";
        started(LocalPostgres.start(
                servers.resolve("postgres"),
                loopback.database(),
                Integer.parseInt(values.resolve(db + "Port", database.getValue().path("Port"))),
                values.resolve(db + "MasterUsername", database.getValue().path("MasterUsername")),
                values.resolve(db + "MasterUserPassword", database.getValue().path("MasterUserPassword")),
                values.resolve(db + "DBName", database.getValue().path("DBName")),
                tls));
        Map.Entry<String, JsonNode> cache = only(stack, "AWS::ElastiCache::ReplicationGroup", null);
        redis = started(LocalRedis.start(
                servers.resolve("redis"),
                loopback.cache(),
                Integer.parseInt(values.resolve(
                        cache.getKey() + ".Port", cache.getValue().path("Port"))),
                values.resolve(cache.getKey() + ".AuthToken", cache.getValue().path("AuthToken")),
                tls));

        ContainerSpec migration = service.migrationOrServiceWithMigrateCommand();
        Map<String, String> migrationEnvironment = values.environment(migration);
        Map<String, String> serviceEnvironment = values.environment(service.container());
        int port = service.container()
                .containerPort()
                .orElseThrow(() -> new IllegalStateException(service.container().name() + " has no port mapping"));
        ServiceProcess.requireFreePort(port);
        // The migration first, as a deployment runs it: it may create what the service connects with.
        try (ServiceProcess migrate = ServiceProcess.start(
                jar,
                jvm,
                migration.command(),
                migrationEnvironment,
                migration.isolation(),
                work,
                work.resolve("migrate.log"))) {
            int exit = migrate.awaitExit(HEALTHY_WITHIN);
            if (exit != 0) {
                throw new IllegalStateException("the migration (" + migration.taskDefinitionId() + ", command "
                        + migration.command() + ") exited with " + exit + "\n" + migrate.tail(30));
            }
        }
        process = started(ServiceProcess.start(
                jar,
                jvm,
                service.container().command(),
                serviceEnvironment,
                service.container().isolation(),
                work,
                work.resolve("service.log")));
        URI target = URI.create("http://127.0.0.1:" + port);
        targetHealth = awaitHealthy(target.resolve(service.healthCheckPath()));
        // The listener's rules and the stack's target groups, with the service's task registered in its group.
        Path spec = work.resolve("load-balancer.json");
        LoadBalancerSpec.fromTemplate(
                        loopback.loadBalancer(),
                        0,
                        service.listener(),
                        RegionStackTemplate.read(stack).targetGroups(),
                        service.serviceByTargetGroup(),
                        TEMPLATE_SECOND)
                .register(service.targetGroupId(), target.getAuthority())
                .write(spec);
        loadBalancer = started(LocalLoadBalancer.start(spec));
        if ("healthy".equals(targetHealth)) {
            targetHealth = awaitHealthyAtLoadBalancer(target.getAuthority());
        }
    }

    /** The load balancer's own verdict on the target, after its health checks on the target group's timings. */
    private String awaitHealthyAtLoadBalancer(String target) throws InterruptedException {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        LoadBalancerStatus.Target seen = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            seen = loadBalancer.status().targetGroups().get(service.targetGroupId()).targets().stream()
                    .filter(t -> t.target().equals(target))
                    .findFirst()
                    .orElseThrow();
            if ("healthy".equals(seen.state())) {
                return "healthy";
            }
            Thread.sleep(100);
        }
        return "not healthy at the load balancer: " + seen + "; the service is " + process.status();
    }

    /**
     * Probes the target on the health check path as the ALB's health checker does (directly, expecting 200) until
     * it answers or the process ends; returns {@code healthy} or what was seen last.
     */
    private String awaitHealthy(URI healthCheck) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(healthCheck)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return "healthy";
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        return "not healthy: " + healthCheck + " answered " + last + "; the service is " + process.status();
    }

    private static Map.Entry<String, JsonNode> only(SynthesizedStack stack, String type, String unlessProperty) {
        List<Map.Entry<String, JsonNode>> found = stack.resourcesOfType(type).entrySet().stream()
                .filter(e -> unlessProperty == null || !e.getValue().has(unlessProperty))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(stack.name() + " should have one " + type
                    + (unlessProperty == null ? "" : " without " + unlessProperty) + ", has "
                    + found.stream().map(Map.Entry::getKey).toList());
        }
        return found.get(0);
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.push(resource);
        return resource;
    }

    public ServiceDeployment service() {
        return service;
    }

    public LocalIssuer issuer() {
        return issuer;
    }

    public LocalRedis redis() {
        return redis;
    }

    public ServiceProcess process() {
        return process;
    }

    public LocalLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public Loopback loopback() {
        return loopback;
    }

    /** {@code healthy}, or why the target never passed its health check. */
    public String targetHealth() {
        return targetHealth;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping a stand-in failed: " + e);
            }
        }
    }
}
