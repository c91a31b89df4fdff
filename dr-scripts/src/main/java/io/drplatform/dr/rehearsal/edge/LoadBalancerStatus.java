package io.drplatform.dr.rehearsal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a running {@link LocalLoadBalancer} last saw, written beside its spec ({@link LoadBalancerSpec#statusFile})
 * after every health check round, for {@code dr local status} to show: where it listens and each registered
 * target's health as {@code aws elbv2 describe-target-health} reports it.
 *
 * @param listener     {@code http://address:port}, the port the load balancer took
 * @param pid          the process the load balancer runs in
 * @param updated      when this was written (ISO-8601 instant)
 * @param targetGroups by target group id
 */
public record LoadBalancerStatus(String listener, long pid, String updated, Map<String, Group> targetGroups) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public record Group(String name, List<Target> targets) {}

    /**
     * @param state       {@code initial}, {@code healthy} or {@code unhealthy}
     * @param reason      the ELB reason code ({@code Elb.InitialHealthChecking}, {@code Target.ResponseCodeMismatch},
     *                    {@code Target.Timeout}, {@code Target.FailedHealthChecks}); {@code null} when healthy
     * @param description what the last check saw, for people; {@code null} when healthy
     */
    public record Target(String target, String state, String reason, String description) {}

    public static LoadBalancerStatus read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), LoadBalancerStatus.class);
    }

    public void write(Path file) throws IOException {
        LoadBalancerSpec.writeAtomically(file, JSON.writeValueAsBytes(this));
    }

    /** The state of one target, if the group has it registered. */
    public String stateOf(String targetGroup, String target) {
        Group group = targetGroups.get(targetGroup);
        if (group == null) {
            return null;
        }
        return group.targets().stream()
                .filter(t -> t.target().equals(target))
                .map(Target::state)
                .findFirst()
                .orElse(null);
    }
}
