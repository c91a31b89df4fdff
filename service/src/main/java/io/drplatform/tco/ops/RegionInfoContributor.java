package io.drplatform.tco.ops;

import io.drplatform.tco.region.RegionProperties;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Adds the serving region to /actuator/info (version and git commit come from build-info and git.properties). */
@Component
public class RegionInfoContributor implements InfoContributor {
    private final RegionProperties region;

    public RegionInfoContributor(RegionProperties region) {
        this.region = region;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("region", region.region());
    }
}
