package io.drplatform.manifest.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The names a service's connection settings are given under (see {@code NeutralVariables}). */
public enum ConnectionNaming {
    /** Spring Boot's property names ({@code SPRING_R2DBC_URL}, ...): a Spring service needs no configuration. */
    SPRING("spring"),
    /** Names any runtime can read ({@code DATABASE_HOST}, {@code REDIS_HOST}, ...), renamable one by one. */
    NEUTRAL("neutral");

    private final String id;

    ConnectionNaming(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
