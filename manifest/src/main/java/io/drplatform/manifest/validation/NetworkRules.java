package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.Network;
import java.util.regex.Pattern;

/** The {@code network} section: VPC ranges that do not overlap, and zones the region has. */
final class NetworkRules extends SectionRules {

    NetworkRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        Network n = d.network();
        Cidr primary = cidr(n.cidr(), "/network/cidr");
        Cidr standby = d.regions() != null && d.regions().standby() != null
                ? cidr(n.standbyCidr(), "/network/standbyCidr")
                : null;
        if (primary != null && standby != null && primary.overlaps(standby)) {
            report.problem(
                    "/network/standbyCidr",
                    "overlaps the primary VPC range " + n.cidr(),
                    "use a separate range (e.g. 10.1.0.0/16) so the regions can be peered and replicated without clashes");
        }
        if (n.maxAzs() == null || n.maxAzs() < 2 || n.maxAzs() > 3) {
            report.problem(
                    "/network/maxAzs",
                    "must be 2 or 3, found " + n.maxAzs(),
                    "the load balancer and the database subnet group need at least two availability zones");
        } else if (n.natGateways() == null || n.natGateways() < 1 || n.natGateways() > n.maxAzs()) {
            report.problem(
                    "/network/natGateways",
                    "must be between 1 and maxAzs (" + n.maxAzs() + "), found " + n.natGateways(),
                    "1 saves cost; one per availability zone survives the loss of a zone");
        }
        if (n.availabilityZones() != null) {
            n.availabilityZones().forEach((region, zones) -> {
                String pointer = "/network/availabilityZones/" + Pointers.escape(region);
                knownRegion(region, pointer);
                for (int i = 0; i < zones.size(); i++) {
                    if (!zones.get(i).matches(Pattern.quote(region) + "[a-z]")) {
                        report.problem(
                                pointer + "/" + i,
                                "`" + zones.get(i) + "` is not an availability zone of " + region,
                                "zones are named " + region + "a, " + region + "b, ...");
                    }
                }
                if (n.maxAzs() != null && zones.size() < n.maxAzs()) {
                    report.problem(
                            pointer, "lists " + zones.size() + " zones but the network spans " + n.maxAzs(), null);
                }
            });
        }
    }

    private Cidr cidr(String text, String pointer) {
        if (text == null) {
            report.problem(pointer, "the VPC range is missing", "e.g. 10.0.0.0/16");
            return null;
        }
        try {
            Cidr cidr = Cidr.parse(text);
            if (cidr.prefix() < 16 || cidr.prefix() > 24) {
                report.problem(
                        pointer,
                        "`" + text + "` has a /" + cidr.prefix() + " prefix; a VPC range must be /16 to /24",
                        "use /16 to leave room for three subnet tiers in three zones");
                return null;
            }
            return cidr;
        } catch (IllegalArgumentException e) {
            report.problem(pointer, "`" + text + "` is not a valid IPv4 CIDR: " + e.getMessage(), "e.g. 10.0.0.0/16");
            return null;
        }
    }
}
