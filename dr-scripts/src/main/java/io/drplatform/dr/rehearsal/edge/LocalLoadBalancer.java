package io.drplatform.dr.rehearsal.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drplatform.dr.rehearsal.template.PathPattern;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An application load balancer on loopback, run from a {@link LoadBalancerSpec} file: each request goes to the
 * target group of the lowest-priority rule whose path pattern matches (else the default action), and there to a
 * healthy target, round robin. The targets are health-checked on their group's interval; the spec file is re-read
 * when it changes, so registering and deregistering a task is a rewrite of the spec, and after every health round
 * the targets' health is written to the status file beside it. Every answer names the target group's service in
 * {@value #ROUTED_TO}, so a request the rules send elsewhere is visible as such.
 */
public final class LocalLoadBalancer implements AutoCloseable {
    public static final String ROUTED_TO = "X-Routed-To";
    private static final long SPEC_POLL_MILLIS = 200;
    private static final String USAGE = "LocalLoadBalancer --spec FILE";

    private final Path specFile;
    private final Path statusFile;
    private final HttpServer server;
    private final ExecutorService requests;
    private final ScheduledExecutorService scheduler;
    private final Forwarder forwarder;
    private final Map<String, TargetGroupState> groups = new ConcurrentHashMap<>();
    private volatile LoadBalancerSpec spec;
    private volatile Object specVersion;
    private boolean closed;

    private LocalLoadBalancer(Path specFile, LoadBalancerSpec spec, HttpServer server) {
        this.specFile = specFile;
        this.statusFile = LoadBalancerSpec.statusFile(specFile);
        this.server = server;
        this.requests = Executors.newFixedThreadPool(16);
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "local-load-balancer-health");
            thread.setDaemon(true);
            return thread;
        });
        this.forwarder = new Forwarder(server.getAddress().getPort());
        apply(spec);
    }

    /** Runs the load balancer until the process is stopped (SIGTERM). */
    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("--spec"), USAGE);
        LocalLoadBalancer balancer = start(Path.of(flags.required("--spec")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            balancer.close();
                            stopped.countDown();
                        },
                        "local-load-balancer-stop"));
        System.out.println("local load balancer " + balancer.baseUri() + " from " + balancer.specFile + "; status in "
                + balancer.statusFile);
        stopped.await();
    }

    /** Listens where the spec says, health-checks its targets and follows changes of the file. */
    public static LocalLoadBalancer start(Path specFile) throws IOException {
        Forwarder.requireHostHeaderAllowed();
        Object version = version(specFile);
        LoadBalancerSpec spec = LoadBalancerSpec.read(specFile);
        HttpServer server = HttpServer.create(new InetSocketAddress(spec.address(), spec.port()), 64);
        LocalLoadBalancer balancer = new LocalLoadBalancer(specFile, spec, server);
        balancer.specVersion = version;
        server.setExecutor(balancer.requests);
        server.createContext("/", balancer::handle);
        server.start();
        balancer.writeStatus();
        new HealthChecker(balancer::groups, balancer::writeStatus).start(balancer.scheduler);
        balancer.scheduler.scheduleWithFixedDelay(
                balancer::reloadIfChanged, SPEC_POLL_MILLIS, SPEC_POLL_MILLIS, TimeUnit.MILLISECONDS);
        return balancer;
    }

    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Path statusFile() {
        return statusFile;
    }

    /** The targets' health now, as the status file has it after the next round. */
    public LoadBalancerStatus status() {
        Map<String, LoadBalancerStatus.Group> targetGroups = new LinkedHashMap<>();
        spec.targetGroups().keySet().forEach(id -> {
            TargetGroupState group = groups.get(id);
            if (group != null) {
                targetGroups.put(id, group.status());
            }
        });
        return new LoadBalancerStatus(
                baseUri().toString(),
                ProcessHandle.current().pid(),
                Instant.now().toString(),
                targetGroups);
    }

    private Collection<TargetGroupState> groups() {
        return List.copyOf(groups.values());
    }

    private synchronized void apply(LoadBalancerSpec newSpec) {
        groups.keySet().retainAll(newSpec.targetGroups().keySet());
        newSpec.targetGroups().forEach((id, group) -> {
            TargetGroupState existing = groups.get(id);
            if (existing == null) {
                groups.put(id, new TargetGroupState(id, group));
            } else {
                existing.update(group);
            }
        });
        spec = newSpec;
    }

    private void reloadIfChanged() {
        try {
            Object version = version(specFile);
            if (Objects.equals(version, specVersion)) {
                return;
            }
            // The listener's address and port stay as they were started: a running ALB keeps its listener too.
            apply(LoadBalancerSpec.read(specFile));
            specVersion = version;
            writeStatus();
        } catch (IOException | RuntimeException e) {
            // A spec being written, or a wrong one: the running configuration stays until the file changes again.
            System.err.println("local load balancer: keeping the running spec; " + specFile + " unreadable: " + e);
            try {
                specVersion = version(specFile);
            } catch (IOException gone) {
                // tried again on the next poll
            }
        }
    }

    /** Modification time and file identity: a spec moved into place is a new file even within the same tick. */
    private static Object version(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return List.of(attributes.lastModifiedTime(), String.valueOf(attributes.fileKey()), attributes.size());
    }

    private synchronized void writeStatus() {
        if (closed) {
            return; // a round that ends after close must not write into a directory its owner is removing
        }
        try {
            status().write(statusFile);
        } catch (IOException e) {
            System.err.println("local load balancer: could not write " + statusFile + ": " + e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            LoadBalancerSpec current = spec;
            String targetGroup = route(current, exchange.getRequestURI().getRawPath());
            if (targetGroup == null) {
                Forwarder.respond(exchange, 404, "no rule of the listener takes this path\n");
                return;
            }
            TargetGroupState group = groups.get(targetGroup);
            exchange.getResponseHeaders().set(ROUTED_TO, group == null ? targetGroup : group.name());
            String target = group == null ? null : group.nextTarget();
            if (target == null) {
                Forwarder.respond(exchange, 503, "the target group " + targetGroup + " has no registered targets\n");
                return;
            }
            forwarder.forward(exchange, target, Duration.ofMillis(current.idleTimeoutMillis()));
        }
    }

    /** The target group of the first rule by priority with a matching path pattern, else of the default action. */
    static String route(LoadBalancerSpec spec, String path) {
        for (LoadBalancerSpec.Rule rule : spec.rules()) {
            for (String pattern : rule.pathPatterns()) {
                if (PathPattern.of(pattern).matches(path)) {
                    return rule.targetGroup();
                }
            }
        }
        return spec.defaultTargetGroup();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        scheduler.shutdownNow();
        server.stop(0);
        requests.shutdownNow();
    }
}
