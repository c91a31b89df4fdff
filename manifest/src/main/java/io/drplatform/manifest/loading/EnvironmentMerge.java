package io.drplatform.manifest.loading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drplatform.manifest.validation.Pointers;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges manifest layers into one environment's tree, remembering where each value came from so that a
 * problem in the merged result can be reported at the line that caused it.
 *
 * <p>Mappings merge key by key; lists replace, except lists of named entries ({@code services}) which merge
 * entry by entry on {@code name}, so an environment can resize one service without repeating the others.
 */
final class EnvironmentMerge {
    private final ObjectNode merged;
    /** Logical pointer in the merged tree to pointer in the manifest file; absent for platform defaults. */
    private final Map<String, String> origins = new HashMap<>();

    EnvironmentMerge(ObjectNode empty) {
        this.merged = empty;
    }

    ObjectNode tree() {
        return merged;
    }

    /** @param sourcePointer where {@code layer} sits in the manifest file, or null for a platform default */
    EnvironmentMerge layer(JsonNode layer, String sourcePointer) {
        if (layer != null && layer.isObject()) {
            mergeObject(merged, (ObjectNode) layer, "", sourcePointer);
        }
        return this;
    }

    /** Fills keys a named entry of a list does not set from {@code defaults} (origin: platform default). */
    void fillEachEntry(String listField, JsonNode defaults) {
        JsonNode list = merged.get(listField);
        if (list == null || !list.isArray() || defaults == null) {
            return;
        }
        for (JsonNode entry : list) {
            if (entry.isObject()) {
                fillMissing((ObjectNode) entry, defaults);
            }
        }
    }

    /**
     * Fills keys that the {@code field} mapping of each named entry of a list does not set from {@code defaults}
     * (origin: platform default); entries without that mapping stay without it.
     */
    void fillEachEntry(String listField, String field, JsonNode defaults) {
        JsonNode list = merged.get(listField);
        if (list == null || !list.isArray() || defaults == null) {
            return;
        }
        for (JsonNode entry : list) {
            if (entry.path(field).isObject()) {
                fillMissing((ObjectNode) entry.get(field), defaults);
            }
        }
    }

    /** The manifest pointer a merged value came from, or null when a platform default supplied it. */
    String originOf(String logicalPointer) {
        String p = logicalPointer;
        while (true) {
            String origin = origins.get(p);
            if (origin != null) {
                return origin + logicalPointer.substring(p.length());
            }
            if (p.isEmpty()) {
                return null;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private void mergeObject(ObjectNode target, ObjectNode source, String logical, String sourcePointer) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String childLogical = logical + "/" + Pointers.escape(key);
            String childSource = sourcePointer == null ? null : sourcePointer + "/" + Pointers.escape(key);
            JsonNode incoming = field.getValue();
            JsonNode existing = target.get(key);
            if (incoming == null || incoming.isNull()) {
                continue;
            } else if (existing != null && existing.isObject() && incoming.isObject()) {
                mergeObject((ObjectNode) existing, (ObjectNode) incoming, childLogical, childSource);
            } else if (existing != null
                    && existing.isArray()
                    && incoming.isArray()
                    && isNamedList(incoming)
                    && isNamedList(existing)) {
                mergeNamedList((ArrayNode) existing, (ArrayNode) incoming, childLogical, childSource);
            } else {
                target.set(key, incoming.deepCopy());
                record(childLogical, childSource);
            }
        }
    }

    private void mergeNamedList(ArrayNode target, ArrayNode source, String logical, String sourcePointer) {
        for (int i = 0; i < source.size(); i++) {
            ObjectNode incoming = (ObjectNode) source.get(i);
            String childSource = sourcePointer == null ? null : sourcePointer + "/" + i;
            int index = indexOfName(target, incoming.get("name").asText());
            if (index >= 0) {
                mergeObject((ObjectNode) target.get(index), incoming, logical + "/" + index, childSource);
            } else {
                target.add(incoming.deepCopy());
                record(logical + "/" + (target.size() - 1), childSource);
            }
        }
    }

    private void record(String logical, String source) {
        // A replaced subtree forgets the origins of what it replaced.
        origins.keySet().removeIf(k -> k.equals(logical) || k.startsWith(logical + "/"));
        if (source != null) {
            origins.put(logical, source);
        }
    }

    private static void fillMissing(ObjectNode target, JsonNode defaults) {
        for (Iterator<Map.Entry<String, JsonNode>> it = defaults.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = target.get(field.getKey());
            if (existing == null || existing.isNull()) {
                target.set(field.getKey(), field.getValue().deepCopy());
            } else if (existing.isObject() && field.getValue().isObject()) {
                fillMissing((ObjectNode) existing, field.getValue());
            }
        }
    }

    private static boolean isNamedList(JsonNode list) {
        for (JsonNode entry : list) {
            if (!entry.isObject() || !entry.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfName(ArrayNode list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(list.get(i).path("name").asText(null))) {
                return i;
            }
        }
        return -1;
    }
}
