package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Deployment;

/** The {@code regions} section: a known primary, and a standby that is another region. */
final class RegionRules extends SectionRules {

    RegionRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        if (d.regions() == null || d.regions().primary() == null) {
            report.problem("/regions/primary", "the primary region is missing", "e.g. `regions: {primary: us-east-1}`");
            return;
        }
        knownRegion(d.regions().primary(), "/regions/primary");
        if (d.regions().standby() != null) {
            knownRegion(d.regions().standby(), "/regions/standby");
            if (d.regions().standby().equals(d.regions().primary())) {
                report.problem(
                        "/regions/standby",
                        "the standby region is the primary region ("
                                + d.regions().primary() + "); a regional outage would take both",
                        "choose a different region, e.g. us-west-2");
            }
        }
    }
}
