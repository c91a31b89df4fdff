package io.drplatform.dr.aws;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * What shows that a Multi-AZ reboot with failover happened: the instance was seen {@code rebooting}, or it came back
 * in another Availability Zone (the standby's, which RDS then names as the secondary). {@code available} alone right
 * after the call proves nothing: the reboot may not have started yet, or may have been ignored.
 */
final class FailoverEvidence {
    private final String zoneBefore;
    private final String secondaryBefore;
    private boolean sawRebooting;
    private String lastZone;
    private String lastSecondary;
    private String lastStatus;

    FailoverEvidence(DBInstance before) {
        this.zoneBefore = before.availabilityZone();
        this.secondaryBefore = before.secondaryAvailabilityZone();
        this.lastZone = zoneBefore;
        this.lastSecondary = secondaryBefore;
    }

    /** Records what this describe shows; true once the instance is available again with evidence of a failover. */
    boolean completedBy(DBInstance now) {
        lastStatus = now.dbInstanceStatus();
        lastZone = now.availabilityZone();
        lastSecondary = now.secondaryAvailabilityZone();
        if ("rebooting".equals(lastStatus)) {
            sawRebooting = true;
        }
        return "available".equals(lastStatus) && (sawRebooting || zoneChanged());
    }

    String describe(DBInstance now) {
        return now.dbInstanceStatus() + " in " + now.availabilityZone()
                + (now.secondaryAvailabilityZone() == null
                        ? ""
                        : " (standby in " + now.secondaryAvailabilityZone() + ")");
    }

    /** What was observed, for the step's detail once the failover is proven. */
    String observed() {
        String zones =
                zoneChanged() ? "primary moved from " + zoneBefore + " to " + lastZone : "primary still in " + lastZone;
        return (sawRebooting ? "seen rebooting; " : "rebooting not seen; ") + zones;
    }

    /** Why the drill cannot claim a failover when the deadline passed first. */
    String missing(String id, Duration deadline) {
        if (sawRebooting || zoneChanged()) {
            return id + " did not come back available within " + deadline.toSeconds() + " s (" + observed()
                    + "; last status " + lastStatus + ")";
        }
        return "no failover observed for " + id + " within " + deadline.toSeconds() + " s: never seen rebooting,"
                + " primary still in " + lastZone
                + (secondaryBefore == null ? "" : ", standby still in " + lastSecondary)
                + "; last status " + lastStatus;
    }

    private boolean zoneChanged() {
        return zoneBefore != null && lastZone != null && !Objects.equals(zoneBefore, lastZone);
    }
}
