package io.drplatform.dr.rehearsal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.drplatform.dr.rehearsal.template.ListenerRules;
import io.drplatform.dr.rehearsal.template.TargetGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link LocalLoadBalancer} runs, as a JSON file: where it listens, the HTTPS listener's rules and default
 * action, and per target group its health check and registered targets ({@code host:port}). All times are whole
 * milliseconds, already scaled by whoever wrote the spec. A rule or default action without a target group is the
 * listener answering itself with a 404, as the synthesized listener's fixed-response default does.
 *
 * @param port              0 for any free port; the status file names the one taken
 * @param idleTimeoutMillis how long a target may take to answer a forwarded request before the client gets a 504
 * @param rules             evaluated in ascending priority, the first whose path pattern matches taking the request
 * @param defaultTargetGroup where requests no rule takes go; {@code null}: a 404 from the listener
 * @param targetGroups      by target group id (the template's logical id)
 */
public record LoadBalancerSpec(
        String address,
        int port,
        long idleTimeoutMillis,
        List<Rule> rules,
        String defaultTargetGroup,
        Map<String, TargetGroupSpec> targetGroups) {

    /** The ALB's default idle timeout. */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param targetGroup {@code null}: the listener answers with a 404 itself */
    public record Rule(int priority, List<String> pathPatterns, String targetGroup) {}

    /**
     * @param name    what the group's targets are (the ECS service's container name), shown in the status and in
     *                {@link LocalLoadBalancer#ROUTED_TO}; the id if {@code null}
     * @param targets registered targets, {@code host:port}
     */
    public record TargetGroupSpec(String name, HealthCheck healthCheck, List<String> targets) {
        public TargetGroupSpec withTargets(List<String> newTargets) {
            return new TargetGroupSpec(name, healthCheck, List.copyOf(newTargets));
        }
    }

    /**
     * The target group's health check: GET {@code path} on each target every {@code intervalMillis}, failed when
     * there is no answer within {@code timeoutMillis} or its status is not one the matcher names ({@code 200},
     * {@code 200,202}, {@code 200-299}).
     */
    public record HealthCheck(
            String path,
            long intervalMillis,
            long timeoutMillis,
            int healthyThreshold,
            int unhealthyThreshold,
            String matcher) {

        /** The template's health check with each template second lasting {@code second}. */
        public static HealthCheck of(TargetGroup group, Duration second) {
            return new HealthCheck(
                    group.healthCheckPath(),
                    second.toMillis() * group.intervalSeconds(),
                    second.toMillis() * group.timeoutSeconds(),
                    group.healthyThreshold(),
                    group.unhealthyThreshold(),
                    group.matcher());
        }

        public HealthCheck {
            if (intervalMillis <= 0 || timeoutMillis <= 0 || healthyThreshold < 1 || unhealthyThreshold < 1) {
                throw new IllegalArgumentException("a health check needs a positive interval and timeout and"
                        + " thresholds of at least 1: " + intervalMillis + " ms, " + timeoutMillis + " ms, "
                        + healthyThreshold + ", " + unhealthyThreshold);
            }
            if (matcher == null || matcher.isBlank()) {
                matcher = "200";
            }
        }

        public boolean matches(int status) {
            for (String part : matcher.split(",")) {
                String range = part.trim();
                int dash = range.indexOf('-');
                int from = Integer.parseInt(
                        dash < 0 ? range : range.substring(0, dash).trim());
                int to = dash < 0
                        ? from
                        : Integer.parseInt(range.substring(dash + 1).trim());
                if (status >= from && status <= to) {
                    return true;
                }
            }
            return false;
        }
    }

    public LoadBalancerSpec {
        rules = rules == null
                ? List.of()
                : rules.stream().sorted(Comparator.comparingInt(Rule::priority)).toList();
        targetGroups = targetGroups == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(targetGroups));
        if (defaultTargetGroup != null && !targetGroups.containsKey(defaultTargetGroup)) {
            throw new IllegalArgumentException("the default action forwards to " + defaultTargetGroup
                    + ", which is not among the target groups " + targetGroups.keySet());
        }
        for (Rule rule : rules) {
            if (rule.targetGroup() != null && !targetGroups.containsKey(rule.targetGroup())) {
                throw new IllegalArgumentException("the rule of priority " + rule.priority() + " forwards to "
                        + rule.targetGroup() + ", which is not among the target groups " + targetGroups.keySet());
            }
        }
    }

    /**
     * The synthesized HTTPS listener in front of no targets yet.
     *
     * @param names  the container behind each target group (the ECS services' load balancer entries)
     * @param second how long a template second of the health checks lasts here
     */
    public static LoadBalancerSpec fromTemplate(
            String address,
            int port,
            ListenerRules listener,
            Map<String, TargetGroup> groups,
            Map<String, String> names,
            Duration second) {
        List<Rule> rules = new ArrayList<>();
        for (ListenerRules.Rule rule : listener.rules()) {
            rules.add(
                    new Rule(rule.priority(), rule.pathPatterns(), rule.action().targetGroupId()));
        }
        Map<String, TargetGroupSpec> targetGroups = new LinkedHashMap<>();
        groups.forEach((id, group) ->
                targetGroups.put(id, new TargetGroupSpec(names.get(id), HealthCheck.of(group, second), List.of())));
        return new LoadBalancerSpec(
                address,
                port,
                DEFAULT_IDLE_TIMEOUT_MILLIS,
                rules,
                listener.defaultAction().targetGroupId(),
                targetGroups);
    }

    /** The group's targets replaced: what registering or deregistering a task does. */
    public LoadBalancerSpec withTargets(String targetGroup, List<String> targets) {
        Map<String, TargetGroupSpec> changed = new LinkedHashMap<>(targetGroups);
        changed.put(targetGroup, group(targetGroup).withTargets(targets));
        return new LoadBalancerSpec(address, port, idleTimeoutMillis, rules, defaultTargetGroup, changed);
    }

    public LoadBalancerSpec register(String targetGroup, String target) {
        List<String> targets = new ArrayList<>(group(targetGroup).targets());
        if (!targets.contains(target)) {
            targets.add(target);
        }
        return withTargets(targetGroup, targets);
    }

    public LoadBalancerSpec deregister(String targetGroup, String target) {
        List<String> targets = new ArrayList<>(group(targetGroup).targets());
        targets.remove(target);
        return withTargets(targetGroup, targets);
    }

    private TargetGroupSpec group(String id) {
        return Optional.ofNullable(targetGroups.get(id))
                .orElseThrow(() -> new IllegalArgumentException(
                        "no target group " + id + "; the spec has " + targetGroups.keySet()));
    }

    /** The status file of the load balancer running from {@code spec}: {@code <name>.status.json} beside it. */
    public static Path statusFile(Path spec) {
        String name = spec.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return spec.resolveSibling(stem + ".status.json");
    }

    public static LoadBalancerSpec read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), LoadBalancerSpec.class);
    }

    /** Written to a draft and moved into place, so the running load balancer never reads half a spec. */
    public void write(Path file) throws IOException {
        writeAtomically(file, JSON.writeValueAsBytes(this));
    }

    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path draft = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            Files.write(draft, content);
            Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
