package io.drplatform.dr.aws;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code key=value,key=value} lists the tool reads from the environment and from parameters
 * ({@code DR_DB_TUNNELS}, {@code DR_ARC_ENDPOINTS}, {@code arc/cluster-endpoints}), keyed by region. A malformed
 * entry is an error naming the source, never silently dropped.
 */
final class RegionPairs {
    private RegionPairs() {}

    /**
     * @param source what the list is, for the error ({@code DR_DB_TUNNELS})
     * @param format what an entry looks like, for the error ({@code region=host:port})
     */
    static Map<String, String> parse(String spec, String source, String format) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Arrays.stream(spec == null ? new String[0] : spec.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(entry -> {
                    int eq = entry.indexOf('=');
                    if (eq <= 0 || eq == entry.length() - 1) {
                        throw new IllegalArgumentException(source + " entry '" + entry + "' is not " + format);
                    }
                    pairs.put(
                            entry.substring(0, eq).trim(),
                            entry.substring(eq + 1).trim());
                });
        return pairs;
    }
}
