package io.drplatform.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CDK settings of {@code cdk-app/cdk.json}: its context entries named {@code @...} (feature flags and
 * {@code @aws-cdk/core:*} options). The CDK CLI hands them to {@link PlatformApp}; an {@code App} created in-process
 * ({@code ./platform synth}, the tests) reads no cdk.json, so it takes them from here and synthesizes the same
 * templates. The build copies cdk.json onto the class path (cdk-app/pom.xml); the platform's own context keys
 * ({@code manifest}, {@code environments}) stay out.
 */
final class CdkJson {
    private static final String RESOURCE = "cdk.json";

    private CdkJson() {}

    static Map<String, Object> cdkSettings() {
        try (InputStream json = CdkJson.class.getResourceAsStream(RESOURCE)) {
            if (json == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path next to "
                        + CdkJson.class.getName() + "; build cdk-app with Maven, which copies it there");
            }
            Map<String, Object> file = new ObjectMapper().readValue(json, new TypeReference<>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) file.getOrDefault("context", Map.of());
            Map<String, Object> settings = new LinkedHashMap<>();
            context.forEach((key, value) -> {
                if (key.startsWith("@")) {
                    settings.put(key, value);
                }
            });
            return Map.copyOf(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
    }
}
