package io.drplatform.manifest.model;

import java.util.Optional;

/**
 * Where the application runs. {@code standby} is optional; when present with a DR strategy other than
 * {@code none}, the standby region gets a replica of the data and a copy of the services.
 */
public record Regions(String primary, String standby) {
    public Optional<String> standbyRegion() {
        return Optional.ofNullable(standby);
    }
}
