package io.drplatform.cdk.region;

import io.drplatform.cdk.cache.RedisCache;
import io.drplatform.cdk.observability.AlarmFactory;
import io.drplatform.cdk.observability.AlarmTopics;
import io.drplatform.cdk.observability.ApplicationAlarms;
import io.drplatform.cdk.observability.DrAlarms;
import io.drplatform.cdk.observability.ResilienceSignals;
import io.drplatform.cdk.observability.ServiceMetrics;
import io.drplatform.cdk.observability.ServiceNamespace;
import io.drplatform.cdk.services.ApplicationServices;
import io.drplatform.cdk.storage.ReplicatedBuckets;
import io.drplatform.manifest.model.BucketSpec;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.plan.RegionDatabase;
import io.drplatform.manifest.plan.RegionPlan;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Stack;

/**
 * The region's alarms and their SNS topics (one per severity), built directly in the stack: the application's, the DR
 * alarms its plan calls for (replica or promoted database, warm-standby tasks, bucket replication from the writable
 * region) and the resilience signals of the services that log them.
 */
final class RegionAlarms {
    private final AlarmTopics topics;
    private final AlarmFactory alarms;
    private final List<ResilienceSignals> resilience = new ArrayList<>();
    private final List<ServiceMetrics> serviceMetrics = new ArrayList<>();

    RegionAlarms(
            Stack stack, RegionPlan plan, ApplicationServices services, RegionDatabases databases, RedisCache cache) {
        Deployment d = plan.deployment();
        this.topics = new AlarmTopics(stack, "AlarmTopics", plan.name(), d.alarms());
        this.alarms = new AlarmFactory(stack, plan.name(), topics, d.alarms());
        new ApplicationAlarms(
                stack, "Alarms", alarms, services, databases.servingOriginal(), d.database(), cache, d.cache());
        if (plan.database().shape() == RegionDatabase.Shape.CROSS_REGION_REPLICA) {
            DrAlarms.replica(alarms, databases.regional(), d.database(), d.dr().rpoSeconds(), d.activeRegion());
        } else if (plan.database().shape() == RegionDatabase.Shape.PROMOTED) {
            DrAlarms.promoted(alarms, databases.regional(), d.database());
        }
        resilienceSignals(stack, plan, services);
        serviceMetrics(stack, plan, services);
        plan.standbyTaskMinimums()
                .forEach((service, minimum) -> DrAlarms.standbyTasks(alarms, d.qualifiedName(), service, minimum));
        if (plan.writable()) {
            plan.pairedRegion().ifPresent(paired -> {
                for (BucketSpec bucket : d.buckets()) {
                    if (bucket.replicatesIn(d)) {
                        DrAlarms.bucketReplication(
                                alarms,
                                bucket.name(),
                                bucket.bucketName(d, plan.region()),
                                bucket.bucketName(d, paired),
                                ReplicatedBuckets.ruleId(paired));
                    }
                }
            });
        }
    }

    /**
     * Services that log the resilience snapshot: time with a breaker open everywhere, time read-only only where the
     * database should be writable (a standby's replica is read-only by design).
     */
    private void resilienceSignals(Stack stack, RegionPlan plan, ApplicationServices services) {
        String prefix = plan.deployment().qualifiedName();
        services.getServices().keySet().forEach(name -> {
            if (plan.deployment().service(name).orElseThrow().emitsResilienceSignals()) {
                ResilienceSignals signals = new ResilienceSignals(
                        stack,
                        "ResilienceSignals-" + name,
                        services.getLogGroups().get(name),
                        prefix,
                        name);
                signals.alarms(alarms, plan.writable());
                resilience.add(signals);
            }
        });
    }

    /** Services with {@code metrics: cloudwatch}: their log metric filters, and their graphs on the dashboard. */
    private void serviceMetrics(Stack stack, RegionPlan plan, ApplicationServices services) {
        String prefix = plan.deployment().qualifiedName();
        services.getServices().keySet().forEach(name -> {
            if (plan.deployment().service(name).orElseThrow().publishesMetricsToCloudWatch()) {
                serviceMetrics.add(new ServiceMetrics(
                        stack,
                        "ServiceMetrics-" + name,
                        services.getLogGroups().get(name),
                        ServiceNamespace.of(prefix, name),
                        name));
            }
        });
    }

    AlarmTopics topics() {
        return topics;
    }

    AlarmFactory factory() {
        return alarms;
    }

    List<ResilienceSignals> resilience() {
        return resilience;
    }

    List<ServiceMetrics> serviceMetrics() {
        return serviceMetrics;
    }
}
