package io.drplatform.dr.aws;

import io.drplatform.dr.provider.RegionState;
import io.drplatform.dr.provider.ReplicaLag;
import io.drplatform.dr.provider.StatusReader;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/** {@code dr status} on AWS: each region's database from RDS, its health check or routing control, its tasks. */
final class AwsStatus implements StatusReader {
    private final AwsDeployment aws;
    private final RdsOperations databases;
    private final AwsRouting routing;
    private final AwsCompute compute;
    private final AwsAlarms alarms;

    AwsStatus(AwsDeployment aws, RdsOperations databases, AwsRouting routing, AwsCompute compute, AwsAlarms alarms) {
        this.aws = aws;
        this.databases = databases;
        this.routing = routing;
        this.compute = compute;
        this.alarms = alarms;
    }

    @Override
    public List<RegionState> regions() {
        List<RegionState> out = new ArrayList<>();
        List<String> firing = alarms.firing();
        for (String region : List.of(aws.activeRegion(), aws.standbyRegion())) {
            String dbState;
            String role;
            ReplicaLag lag = null;
            try {
                DBInstance db = aws.describeDatabase(region);
                dbState = db.dbInstanceStatus();
                role = db.readReplicaSourceDBInstanceIdentifier() != null ? "standby" : "primary";
                if ("standby".equals(role)) {
                    lag = databases.replicaLag(region);
                }
            } catch (DbInstanceNotFoundException e) {
                dbState = "not found";
                role = "down";
            }
            String health = "no health check";
            String checkId = routing.healthCheckId(region);
            boolean healthy = false;
            if (checkId != null) {
                healthy = routing.healthy(checkId);
                health = healthy ? "healthy" : "unhealthy";
            }
            boolean answering = routing.answering(region, healthy);
            if (aws.routingControls()) {
                // The failover records follow the routing controls, not the HTTPS health checks.
                health += ", routing control " + (answering ? "On" : "Off");
            }
            out.add(new RegionState(region, role, dbState, lag, health, answering, firing, compute.tasks(region)));
        }
        return out;
    }
}
