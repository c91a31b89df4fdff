package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Deployment;
import java.nio.file.Path;

/**
 * Rules a deployment must satisfy beyond its shape: ranges, formats and consistency between sections, one class per
 * section. Each rule reports through {@link ProblemReport} with a JSON pointer into the deployment, never throwing, so
 * one run finds every problem.
 */
public final class DeploymentRules {
    private final IdentityRules identity;
    private final RegionRules regions;
    private final DnsRules dns;
    private final NetworkRules network;
    private final ServiceRules services;
    private final DatabaseRules database;
    private final CacheRules cache;
    private final AlarmRules alarms;
    private final ObservabilityRules observability;
    private final DisasterRecoveryRules dr;
    private final BucketRules buckets;
    private final CdnRules cdn;
    private final WafRules waf;
    private final AuthRules auth;

    /** @param baseDirectory what image build contexts are relative to: the manifest file's directory */
    public DeploymentRules(ProblemReport report, Path baseDirectory) {
        AlarmAnchors anchors = new AlarmAnchors(report);
        this.identity = new IdentityRules(report);
        this.regions = new RegionRules(report);
        this.dns = new DnsRules(report);
        this.network = new NetworkRules(report);
        this.services = new ServiceRules(report, baseDirectory);
        this.database = new DatabaseRules(report);
        this.cache = new CacheRules(report);
        this.alarms = new AlarmRules(report, anchors);
        this.observability = new ObservabilityRules(report);
        this.dr = new DisasterRecoveryRules(report, anchors);
        this.buckets = new BucketRules(report);
        this.cdn = new CdnRules(report);
        this.waf = new WafRules(report);
        this.auth = new AuthRules(report);
    }

    public void check(Deployment d) {
        identity.check(d);
        regions.check(d);
        dns.check(d);
        network.check(d);
        services.check(d);
        database.check(d);
        cache.check(d);
        alarms.check(d);
        observability.check(d);
        dr.check(d);
        buckets.check(d);
        cdn.check(d);
        waf.check(d);
        auth.check(d);
    }
}
