package io.drplatform.dr.rehearsal.edge;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} arguments of a stand-in's {@code main}; anything else is refused with the usage. */
final class Flags {
    private final Map<String, String> values;
    private final String usage;

    private Flags(Map<String, String> values, String usage) {
        this.values = values;
        this.usage = usage;
    }

    static Flags parse(String[] args, Set<String> known, String usage) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value; usage: " + usage);
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + "; usage: " + usage);
            }
            values.put(name, value);
        }
        return new Flags(values, usage);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required; usage: " + usage);
        }
        return value;
    }

    String optional(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }
}
