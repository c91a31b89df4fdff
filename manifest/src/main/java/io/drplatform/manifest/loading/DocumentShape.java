package io.drplatform.manifest.loading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.validation.Pointers;
import io.drplatform.manifest.validation.ProblemReport;
import io.drplatform.manifest.validation.ShapeCheck;
import io.drplatform.manifest.validation.Suggestions;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifest document before layering: its sections have the shape of a {@link Deployment}, and {@code environments}
 * maps known environment names to overrides of the same shape (without a name of their own).
 */
final class DocumentShape {
    private DocumentShape() {}

    static void check(ObjectNode root, ProblemReport problems) {
        ShapeCheck shape = new ShapeCheck(problems);
        ObjectNode sections = root.deepCopy();
        JsonNode environments = sections.remove("environments");
        shape.check(withoutMovedSubscribers(sections, "", problems), Deployment.class, "", Set.of("environment"));
        if (environments == null || environments.isNull()) {
            return;
        }
        if (!environments.isObject()) {
            problems.problem(
                    "/environments",
                    "must map environment names to overrides",
                    "e.g. `environments: {production: {...}}`");
            return;
        }
        List<String> known = EnvironmentName.ids();
        for (Iterator<Map.Entry<String, JsonNode>> it = environments.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String pointer = "/environments/" + Pointers.escape(entry.getKey());
            if (EnvironmentName.fromId(entry.getKey()).isEmpty()) {
                problems.problem(
                        pointer,
                        "unknown environment `" + entry.getKey() + "`; environments are " + String.join(", ", known),
                        Suggestions.hint(entry.getKey(), known).orElse(null));
                continue;
            }
            JsonNode override = entry.getValue();
            if (override != null && override.isObject() && override.has("name")) {
                problems.problem(
                        pointer + "/name",
                        "the application name is the same in every environment",
                        "remove it here; stack names already carry the environment");
                override = override.deepCopy();
                ((ObjectNode) override).remove("name");
            }
            shape.check(
                    withoutMovedSubscribers(override, pointer, problems),
                    Deployment.class,
                    pointer,
                    Set.of("environment", "name"));
            checkServiceNames(entry.getValue(), pointer, problems);
        }
    }

    /**
     * Alarm subscribers are given per severity; a manifest written before that lists them directly under
     * {@code alarms}. Says where they go (rather than only "unknown key") and returns the sections without them.
     */
    private static JsonNode withoutMovedSubscribers(JsonNode sections, String pointer, ProblemReport problems) {
        JsonNode alarms = sections == null ? null : sections.get("alarms");
        if (alarms == null || !alarms.isObject() || !(alarms.has("email") || alarms.has("https"))) {
            return sections;
        }
        ObjectNode copy = sections.deepCopy();
        ObjectNode movedFrom = (ObjectNode) copy.get("alarms");
        for (String key : List.of("email", "https")) {
            if (movedFrom.remove(key) != null) {
                problems.problem(
                        pointer + "/alarms/" + key,
                        "alarm subscribers are given per severity: `alarms." + key + "` is now `alarms.page." + key
                                + "`, `alarms.ticket." + key + "` or `alarms.info." + key + "`",
                        "move it under `page:` (alarms that wake on-call) and give `ticket:` its subscribers too;"
                                + " see the alarm severities in the manifest reference");
            }
        }
        return copy;
    }

    /** An environment changes a service by naming it; entries merge on {@code name}. */
    private static void checkServiceNames(JsonNode override, String pointer, ProblemReport problems) {
        JsonNode services = override == null ? null : override.get("services");
        if (services != null && services.isArray()) {
            for (int i = 0; i < services.size(); i++) {
                if (!services.get(i).path("name").isTextual()) {
                    problems.problem(
                            pointer + "/services/" + i,
                            "an environment's service entry must name the service it changes",
                            "add `name:` matching a service in the top-level `services`");
                }
            }
        }
    }
}
