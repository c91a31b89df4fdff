package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTPS listener of the stack's load balancer as the template declares it: its rules (priority, path patterns,
 * action) and its default action. Anything an ALB would evaluate that this model does not (other condition fields,
 * several actions, weighted forwards) is refused here rather than ignored.
 */
public record ListenerRules(String listenerId, List<Rule> rules, Action defaultAction) {

    /** What the listener does with a request: forward to a target group, or answer itself. */
    public record Action(String type, String targetGroupId) {}

    public record Rule(String id, int priority, List<String> pathPatterns, Action action) {}

    /** The rule that takes a request for {@code path}: the first by priority whose pattern matches, if any. */
    public Optional<Rule> ruleFor(String path) {
        return rules.stream()
                .filter(rule -> rule.pathPatterns().stream()
                        .anyMatch(pattern -> PathPattern.of(pattern).matches(path)))
                .findFirst();
    }

    /** What the listener does with a request for {@code path}: its rule's action, else the default action. */
    public Action actionFor(String path) {
        return ruleFor(path).map(Rule::action).orElse(defaultAction);
    }

    public static ListenerRules read(SynthesizedStack stack) {
        Map<String, JsonNode> https = new java.util.LinkedHashMap<>();
        stack.resourcesOfType("AWS::ElasticLoadBalancingV2::Listener").forEach((id, props) -> {
            if ("HTTPS".equals(props.path("Protocol").asText())) {
                https.put(id, props);
            }
        });
        if (https.size() != 1) {
            throw new IllegalStateException(stack.name() + " should have one HTTPS listener, has " + https.keySet());
        }
        String listenerId = https.keySet().iterator().next();
        Action defaultAction =
                action(listenerId + " DefaultActions", https.get(listenerId).path("DefaultActions"));
        List<Rule> rules = new ArrayList<>();
        stack.resourcesOfType("AWS::ElasticLoadBalancingV2::ListenerRule").forEach((id, props) -> {
            if (listenerId.equals(props.path("ListenerArn").path("Ref").asText())) {
                rules.add(new Rule(
                        id,
                        props.path("Priority").asInt(),
                        pathPatterns(id, props.path("Conditions")),
                        action(id + " Actions", props.path("Actions"))));
            }
        });
        rules.sort(Comparator.comparingInt(Rule::priority));
        return new ListenerRules(listenerId, List.copyOf(rules), defaultAction);
    }

    private static List<String> pathPatterns(String ruleId, JsonNode conditions) {
        List<String> patterns = new ArrayList<>();
        for (JsonNode condition : conditions) {
            String field = condition.path("Field").asText();
            if (!"path-pattern".equals(field)) {
                throw new IllegalStateException("rule " + ruleId + " has a `" + field + "` condition; the load balancer"
                        + " stand-in evaluates path-pattern only: " + condition);
            }
            JsonNode values = condition.has("PathPatternConfig")
                    ? condition.path("PathPatternConfig").path("Values")
                    : condition.path("Values");
            values.forEach(v -> patterns.add(v.asText()));
        }
        if (patterns.isEmpty()) {
            throw new IllegalStateException("rule " + ruleId + " has no path pattern: " + conditions);
        }
        return List.copyOf(patterns);
    }

    private static Action action(String where, JsonNode actions) {
        if (actions.size() != 1) {
            throw new IllegalStateException(
                    where + " has " + actions.size() + " actions; the stand-in models exactly one: " + actions);
        }
        JsonNode action = actions.get(0);
        String type = action.path("Type").asText();
        if (!"forward".equals(type)) {
            return new Action(type, null);
        }
        JsonNode targetGroup = action.path("TargetGroupArn");
        JsonNode weighted = action.path("ForwardConfig").path("TargetGroups");
        if (targetGroup.isMissingNode() && weighted.size() == 1) {
            targetGroup = weighted.get(0).path("TargetGroupArn");
        }
        if (!targetGroup.has("Ref")) {
            throw new IllegalStateException(where + " forwards to something other than one target group: " + action);
        }
        return new Action(type, targetGroup.path("Ref").asText());
    }
}
