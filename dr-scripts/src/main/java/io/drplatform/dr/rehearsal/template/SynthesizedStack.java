package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stack's CloudFormation template as the platform synthesized it, with the account and region it deploys to
 * (read from a cloud assembly by {@link io.drplatform.dr.rehearsal.assembly.CloudAssembly}).
 */
public record SynthesizedStack(String name, String region, String account, JsonNode template) {

    public JsonNode resource(String logicalId) {
        JsonNode resource = template.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalStateException(name + " has no resource " + logicalId);
        }
        return resource;
    }

    public String typeOf(String logicalId) {
        return resource(logicalId).path("Type").asText();
    }

    /** Logical id to properties of every resource of a type, in template order. */
    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return found;
    }

    public JsonNode parameter(String name) {
        return template.path("Parameters").path(name);
    }
}
