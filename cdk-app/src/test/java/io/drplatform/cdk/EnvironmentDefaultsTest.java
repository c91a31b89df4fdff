package io.drplatform.cdk;

import io.drplatform.manifest.model.EnvironmentName;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The per-environment defaults of {@code defaults.yaml}, as they reach the templates. */
class EnvironmentDefaultsTest {

    @Test
    void developmentIsSingleAzSmallAndDisposable() {
        Template template = ReferenceApp.get().template(EnvironmentName.DEVELOPMENT);
        template.hasResource(
                "AWS::RDS::DBInstance",
                Match.objectLike(Map.of(
                        "DeletionPolicy",
                        "Delete",
                        "Properties",
                        Match.objectLike(Map.of(
                                "MultiAZ",
                                false,
                                "DeletionProtection",
                                false,
                                "DBInstanceClass",
                                "db.t4g.micro",
                                "BackupRetentionPeriod",
                                1)))));
        template.resourceCountIs("AWS::EC2::NatGateway", 1);
        template.hasResourceProperties(
                "AWS::ElastiCache::ReplicationGroup",
                Match.objectLike(Map.of(
                        "CacheNodeType",
                        "cache.t4g.micro",
                        "ReplicasPerNodeGroup",
                        0,
                        "AutomaticFailoverEnabled",
                        false,
                        "TransitEncryptionEnabled",
                        true)));
        template.hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 7)));
    }

    @Test
    void stagingKeepsAWeekOfBackupsAcrossTwoZones() {
        Template template = ReferenceApp.get().template(EnvironmentName.STAGING);
        template.hasResourceProperties(
                "AWS::RDS::DBInstance",
                Match.objectLike(Map.of(
                        "MultiAZ", true,
                        "BackupRetentionPeriod", 7,
                        "DeletionProtection", false)));
        template.resourceCountIs("AWS::EC2::Subnet", 6);
        template.resourceCountIs("AWS::EC2::NatGateway", 1);
    }

    @Test
    void productionIsTerminationProtected() {
        org.assertj.core.api.Assertions.assertThat(
                        ReferenceApp.get().primary(EnvironmentName.PRODUCTION).getTerminationProtection())
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(
                        ReferenceApp.get().primary(EnvironmentName.STAGING).getTerminationProtection())
                .isFalse();
    }
}
