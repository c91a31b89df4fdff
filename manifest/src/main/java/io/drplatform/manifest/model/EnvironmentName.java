package io.drplatform.manifest.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The environments every application is deployed to; their names appear in stack names and tags. */
public enum EnvironmentName {
    DEVELOPMENT,
    STAGING,
    PRODUCTION;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code development, staging, production}, in that order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(EnvironmentName::id).toList();
    }

    public static Optional<EnvironmentName> fromId(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id();
    }
}
