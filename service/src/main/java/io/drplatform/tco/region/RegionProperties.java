package io.drplatform.tco.region;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The region this instance serves, from AWS_REGION (via {@code tco.region}); "local" outside AWS. */
@ConfigurationProperties("tco")
public record RegionProperties(String region) {
    public RegionProperties {
        region = region == null || region.isBlank() ? "local" : region;
    }
}
