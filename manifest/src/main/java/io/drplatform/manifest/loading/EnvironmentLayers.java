package io.drplatform.manifest.loading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * One environment's tree, layered lowest first: the platform defaults ({@code defaults.yaml}: {@code common}, then
 * {@code environments.<env>}), the manifest's own values, the manifest's {@code environments.<env>}; each service entry
 * is then completed from the defaults' {@code service}, and its {@code healthCheck}, where it has one, from the defaults'
 * {@code healthCheck}.
 */
final class EnvironmentLayers {
    private static final Set<String> OPTIONAL_SECTIONS = Set.of("database", "cache");
    private static final JsonNode DEFAULTS = readDefaults();

    private EnvironmentLayers() {}

    static EnvironmentMerge resolve(ObjectNode root, EnvironmentName environment) {
        ObjectNode base = root.deepCopy();
        base.remove("environments");
        JsonNode override = root.path("environments").get(environment.id());
        EnvironmentMerge merge = new EnvironmentMerge(JsonNodeFactory.instance.objectNode())
                .layer(DEFAULTS.get("common"), null)
                .layer(DEFAULTS.path("environments").get(environment.id()), null)
                .layer(base, "")
                .layer(override, "/environments/" + environment.id());
        merge.fillEachEntry("services", DEFAULTS.get("service"));
        // Timings complete a health check the service declares; a service without one gets none.
        merge.fillEachEntry("services", "healthCheck", DEFAULTS.get("healthCheck"));
        ObjectNode tree = merge.tree();
        for (String section : OPTIONAL_SECTIONS) {
            // Defaults complete a section the manifest asks for; they never add one it does not.
            if (!base.has(section) && (override == null || !override.has(section))) {
                tree.remove(section);
            }
        }
        tree.put("environment", environment.id());
        return merge;
    }

    private static JsonNode readDefaults() {
        try (InputStream in = EnvironmentLayers.class.getResourceAsStream("defaults.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("platform defaults are unreadable", e);
        }
    }
}
