package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.edge.LoadBalancerSpec;
import io.drplatform.dr.rehearsal.edge.LoadBalancerStatus;
import io.drplatform.dr.rehearsal.edge.LocalLoadBalancer;
import io.drplatform.dr.rehearsal.template.EcsService;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each region's load balancer as a {@link LocalLoadBalancer} (detached) from its spec file: the HTTPS listener's
 * rules and target groups as synthesized, the health checks' timings scaled, and the region's running tasks
 * registered. Registering and deregistering is rewriting the spec's targets, which the load balancer re-reads.
 */
final class LocalLoadBalancers implements LocalResource {
    /** The listener's port: 443 in the template, above 1024 here so no privilege is needed. */
    static final int PORT = 8000;

    static Path specFile(LocalState state, String region) {
        return state.regionDirectory(region).resolve("load-balancer.json");
    }

    @Override
    public LocalState start(LocalState state, Startup startup) throws Exception {
        for (EnvironmentTemplates.Region region : startup.templates().regions()) {
            RegionStackTemplate template = region.template();
            LocalState.RegionNode node = state.region(template.region());
            if (node.loadBalancer() == null) {
                continue;
            }
            Map<String, String> names = new LinkedHashMap<>();
            for (EcsService service : template.services()) {
                service.targetGroupId().ifPresent(id -> names.put(id, service.name()));
            }
            Path spec = specFile(state, node.name());
            LoadBalancerSpec.fromTemplate(
                            node.loadBalancer().address(),
                            node.loadBalancer().port(),
                            template.listener().orElseThrow(),
                            template.targetGroups(),
                            names,
                            Duration.ofMillis(Math.round(1000 * state.timingScale())))
                    .write(spec);
            registerTargets(state, node.name());
            long pid = LocalProcesses.startDetached(
                    LocalProcesses.toolJvm(96, LocalLoadBalancer.class, "--spec", spec.toString()),
                    Map.of(),
                    state.regionDirectory(node.name()).resolve("load-balancer.log"));
            state = startup.record(
                    state.withRegion(node.withLoadBalancer(node.loadBalancer().withPid(pid))));
            awaitStatus(spec, pid);
            startup.out()
                    .println(node.loadBalancer().logicalId() + ": load balancer in " + node.name() + " on "
                            + node.loadBalancer().url() + " ("
                            + template.listener().orElseThrow().rules().size()
                            + " rules, health checks at " + state.timingScale() + " of the synthesized timing)");
        }
        return state;
    }

    /** The region's running tasks as its target groups' targets; a stopped task is deregistered, as ECS does. */
    static void registerTargets(LocalState state, String region) throws IOException {
        Path file = specFile(state, region);
        if (!Files.exists(file)) {
            return;
        }
        LoadBalancerSpec spec = LoadBalancerSpec.read(file);
        for (String group : spec.targetGroups().keySet()) {
            List<String> targets = state.region(region).tasks().stream()
                    .filter(t -> group.equals(t.targetGroupId()) && LocalProcesses.alive(t.pid()))
                    .map(t -> t.address() + ":" + t.port())
                    .toList();
            spec = spec.withTargets(group, targets);
        }
        spec.write(file);
    }

    /** The longest a new target takes to turn healthy in any region's target group (interval times threshold). */
    static Duration slowestHealthyAfter(LocalState state) {
        Duration slowest = Duration.ZERO;
        for (LocalState.RegionNode node : state.regions()) {
            Path file = specFile(state, node.name());
            if (!Files.exists(file)) {
                continue;
            }
            try {
                for (LoadBalancerSpec.TargetGroupSpec group :
                        LoadBalancerSpec.read(file).targetGroups().values()) {
                    Duration healthy = Duration.ofMillis(group.healthCheck().intervalMillis()
                            * group.healthCheck().healthyThreshold());
                    slowest = healthy.compareTo(slowest) > 0 ? healthy : slowest;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return slowest;
    }

    /** What the region's load balancer last saw of its targets, if it runs. */
    static Optional<LoadBalancerStatus> status(LocalState state, String region) {
        Path file = LoadBalancerSpec.statusFile(specFile(state, region));
        try {
            return Files.exists(file) ? Optional.of(LoadBalancerStatus.read(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void awaitStatus(Path spec, long pid) throws IOException, InterruptedException {
        Path status = LoadBalancerSpec.statusFile(spec);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(status)) {
            if (System.nanoTime() > deadline || !LocalProcesses.alive(pid)) {
                throw new IOException("the load balancer of " + spec + " did not start; see its log beside it");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void stop(LocalState state, LocalState.RegionNode node, PrintStream out) {
        if (node.loadBalancer() != null) {
            LocalProcesses.stop(node.loadBalancer().pid(), LocalLoadBalancer.class.getName());
        }
    }
}
