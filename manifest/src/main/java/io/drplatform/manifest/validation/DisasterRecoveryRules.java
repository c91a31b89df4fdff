package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.DisasterRecovery;
import io.drplatform.manifest.model.DrStrategy;

/**
 * The {@code dr} section: a strategy other than none needs a standby region, the active region is one of the pair,
 * and stop conditions name real alarms.
 */
final class DisasterRecoveryRules extends SectionRules {
    private final AlarmAnchors anchors;

    DisasterRecoveryRules(ProblemReport report, AlarmAnchors anchors) {
        super(report);
        this.anchors = anchors;
    }

    void check(Deployment d) {
        DisasterRecovery dr = d.dr();
        if (dr == null) {
            return;
        }
        positive(dr.rpoSeconds(), "/dr/rpoSeconds");
        positive(dr.rtoSeconds(), "/dr/rtoSeconds");
        boolean standby = d.regions() != null && d.regions().standby() != null;
        if (dr.strategy() != null && dr.strategy() != DrStrategy.NONE && !standby) {
            report.problem("/dr/strategy", "`" + dr.strategy() + "` needs a standby region", "set `regions.standby`");
        }
        if (dr.activeRegion() != null
                && d.regions() != null
                && !dr.activeRegion().equals(d.regions().primary())
                && !dr.activeRegion().equals(d.regions().standby())) {
            report.problem(
                    "/dr/activeRegion",
                    "`" + dr.activeRegion() + "` is neither the primary nor the standby region",
                    "after a failover set it to the standby region ("
                            + d.regions().standby() + ")");
        }
        if (Boolean.TRUE.equals(dr.routingControl()) && !d.hasStandby()) {
            report.problem(
                    "/dr/routingControl", "routing controls switch between two regions; there is no standby", null);
        }
        if (dr.stopConditions() != null) {
            if (dr.stopConditions().isEmpty()) {
                report.problem(
                        "/dr/stopConditions",
                        "an empty list means no alarm can stop a drill",
                        "name the alarms that should, e.g. [alb-5xx-rate, target-p99-latency, dr-replica-lag], or leave it out for all of them");
            }
            for (int i = 0; i < dr.stopConditions().size(); i++) {
                anchors.kind("/dr/stopConditions/" + i, dr.stopConditions().get(i), "stop conditions name");
            }
        }
        if (dr.replicaGeneration() != null && (dr.replicaGeneration() < 1 || dr.replicaGeneration() > 99)) {
            report.problem(
                    "/dr/replicaGeneration",
                    "must be 1 to 99, found " + dr.replicaGeneration(),
                    "raise it by one to rebuild the old primary region's replica under a new identifier");
        }
        if (d.hasStandby()
                && d.dns() != null
                && d.dns().domainName() != null
                && (d.dns().domainName().length() + d.regions().standby().length() + 1 > 253)) {
            report.problem("/dns/domainName", "too long to prefix with a region name for the regional records", null);
        }
    }
}
