package io.drplatform.manifest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a manifest tree has the shape of the model records: known keys only, and values of the right
 * kind. The allowed keys are the records' component names, so the model is the one schema and cannot drift.
 */
public final class ShapeCheck {
    private final ProblemReport report;

    public ShapeCheck(ProblemReport report) {
        this.report = report;
    }

    public void check(JsonNode node, Type type, String pointer, Set<String> excludedKeys) {
        if (node == null || node.isNull()) {
            return; // an empty section is the same as an absent one
        }
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            checkRecord(node, raw, pointer, excludedKeys);
        } else if (List.class.isAssignableFrom(raw)) {
            if (!node.isArray()) {
                problem(pointer, "must be a list, found " + kind(node), "write it as a YAML list (`- item` lines)");
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), typeArgument(type, 0), pointer + "/" + i, Set.of());
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!node.isObject()) {
                problem(pointer, "must be a mapping of names to values, found " + kind(node), null);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                check(
                        field.getValue(),
                        typeArgument(type, 1),
                        pointer + "/" + Pointers.escape(field.getKey()),
                        Set.of());
            }
        } else {
            checkScalar(node, raw, pointer);
        }
    }

    private void checkRecord(JsonNode node, Class<?> record, String pointer, Set<String> excludedKeys) {
        if (!node.isObject()) {
            problem(pointer, "must be a mapping of keys to values, found " + kind(node), null);
            return;
        }
        Map<String, RecordComponent> components = Arrays.stream(record.getRecordComponents())
                .filter(c -> !excludedKeys.contains(c.getName()))
                .collect(Collectors.toMap(RecordComponent::getName, c -> c, (a, b) -> a, LinkedHashMap::new));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String childPointer = pointer + "/" + Pointers.escape(field.getKey());
            RecordComponent component = components.get(field.getKey());
            if (component == null) {
                problem(
                        childPointer,
                        "unknown key `" + field.getKey() + "`; the platform does not support it",
                        Suggestions.didYouMean(field.getKey(), components.keySet()));
            } else {
                check(field.getValue(), component.getGenericType(), childPointer, Set.of());
            }
        }
    }

    private void checkScalar(JsonNode node, Class<?> raw, String pointer) {
        if (raw == String.class) {
            if (node.isNumber()) {
                problem(
                        pointer,
                        "must be text, found the number " + node.asText(),
                        "quote it, e.g. \"" + node.asText() + "\", so YAML keeps it exactly as written");
            } else if (!node.isTextual()) {
                problem(pointer, "must be text, found " + kind(node), null);
            }
        } else if (raw == Integer.class) {
            if (!node.isIntegralNumber()) {
                problem(pointer, "must be a whole number, found " + kind(node) + describeValue(node), null);
            }
        } else if (raw == Double.class) {
            if (!node.isNumber()) {
                problem(pointer, "must be a number, found " + kind(node) + describeValue(node), null);
            }
        } else if (raw == Boolean.class) {
            if (!node.isBoolean()) {
                problem(pointer, "must be true or false, found " + kind(node) + describeValue(node), null);
            }
        } else if (raw.isEnum()) {
            List<String> ids =
                    Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList();
            if (!node.isTextual() || !ids.contains(node.asText())) {
                problem(
                        pointer,
                        "must be one of " + String.join(", ", ids) + ", found" + describeValue(node),
                        node.isTextual() ? Suggestions.hint(node.asText(), ids).orElse(null) : null);
            }
        } else {
            throw new IllegalStateException("model type not supported by the shape check: " + raw);
        }
    }

    private void problem(String pointer, String message, String suggestion) {
        report.problem(pointer, message, suggestion);
    }

    private static String describeValue(JsonNode node) {
        return node.isValueNode() ? " `" + node.asText() + "`" : "";
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "text";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNumber() ? "a number" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static Class<?> rawClass(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
