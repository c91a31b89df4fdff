package io.drplatform.manifest.model;

import java.util.List;
import java.util.Map;

/**
 * The VPC of each region. Availability zones are explicit (defaulting to the region's a/b/c zones) so that
 * synthesis without an AWS account produces deployable templates rather than placeholder zones.
 *
 * @param cidr              the primary region's VPC range
 * @param standbyCidr       the standby region's VPC range; must not overlap {@code cidr}
 * @param maxAzs            how many availability zones to span (2 or 3)
 * @param natGateways       NAT gateways (1 for cost, one per AZ for resilience)
 * @param availabilityZones zones per region name, overriding the default a/b/c naming
 */
public record Network(
        String cidr,
        String standbyCidr,
        Integer maxAzs,
        Integer natGateways,
        Map<String, List<String>> availabilityZones) {

    public List<String> zonesOf(String region) {
        List<String> explicit = availabilityZones == null ? null : availabilityZones.get(region);
        List<String> zones = explicit != null ? explicit : List.of(region + "a", region + "b", region + "c");
        return zones.subList(0, Math.min(maxAzs, zones.size()));
    }
}
