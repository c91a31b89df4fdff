package io.drplatform.manifest.loading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Line numbers of every key and value in a manifest, by JSON pointer. Jackson's tree model forgets locations,
 * so the document is streamed once more to remember them.
 */
final class SourceMap {
    private final Map<String, Integer> lines = new HashMap<>();

    SourceMap(String yaml) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonStreamContext context = parser.getParsingContext();
                // A container's own context has no name yet; its position is the parent's current entry.
                JsonStreamContext owner =
                        token.isStructStart() && context.getParent() != null ? context.getParent() : context;
                lines.putIfAbsent(
                        owner.pathAsPointer().toString(),
                        parser.currentTokenLocation().getLineNr());
            }
        }
    }

    /** Line of the pointer, or of its nearest ancestor that appears in the file; 0 if none does. */
    int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    boolean contains(String pointer) {
        return lines.containsKey(pointer);
    }

    /** {@code /services/0/cpu} as a person writes it: {@code services[0].cpu}. */
    static String display(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.length() == 0 ? "(document)" : out.toString();
    }
}
