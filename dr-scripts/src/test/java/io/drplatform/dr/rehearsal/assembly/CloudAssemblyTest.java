package io.drplatform.dr.rehearsal.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drplatform.dr.rehearsal.template.DatabaseInstance;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembly reader on a hand-written {@code manifest.json}: stacks by name with the account and region of their
 * environment, database roles by properties, and a missing assembly answered with the command that makes it. The
 * reference manifest's real assembly is read in contract-tests, which can synthesize it.
 */
class CloudAssemblyTest {
    @TempDir
    Path out;

    @Test
    void readsEachStackArtifactWithItsEnvironmentAndTemplate() throws Exception {
        Files.writeString(out.resolve("manifest.json"), """
                {"version": "48.0.0", "artifacts": {
                  "app-us-west-2.assets": {"type": "cdk:asset-manifest", "properties": {"file": "x.assets.json"}},
                  "app-us-west-2": {"type": "aws:cloudformation:stack", "environment": "aws://123456789012/us-west-2",
                    "properties": {"templateFile": "app-us-west-2.template.json"}},
                  "Renamed": {"type": "aws:cloudformation:stack", "environment": "aws://123456789012/eu-west-1",
                    "properties": {"templateFile": "Renamed.template.json", "stackName": "app-eu-west-1"}}}}
                """);
        Files.writeString(out.resolve("app-us-west-2.template.json"), """
                {"Resources": {
                  "Replica": {"Type": "AWS::RDS::DBInstance", "Properties": {
                    "SourceDBInstanceIdentifier": "arn:aws:rds:us-east-1:123456789012:db:app-us-east-1"}},
                  "Reader": {"Type": "AWS::RDS::DBInstance", "Properties": {"SourceDBInstanceIdentifier": {"Ref": "Replica"}}},
                  "Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {
                    "Port": 6380, "TransitEncryptionEnabled": true, "AuthToken": "x"}}}}
                """);
        Files.writeString(out.resolve("Renamed.template.json"), """
                {"Resources": {
                  "Primary": {"Type": "AWS::RDS::DBInstance", "Properties": {"MasterUsername": "owner", "Port": "5433"}},
                  "Promoted": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBInstanceIdentifier": "app-eu-west-1"}}}}
                """);
        CloudAssembly assembly = CloudAssembly.read(out);

        SynthesizedStack west = assembly.stack("app-us-west-2");
        assertThat(west.region()).isEqualTo("us-west-2");
        assertThat(west.account()).isEqualTo("123456789012");
        RegionStackTemplate template = RegionStackTemplate.read(west);
        assertThat(template.databases())
                .extracting(DatabaseInstance::logicalId, DatabaseInstance::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Replica", DatabaseInstance.Role.CROSS_REGION_REPLICA),
                        org.assertj.core.groups.Tuple.tuple("Reader", DatabaseInstance.Role.IN_REGION_READ_REPLICA));
        assertThat(template.regionDatabase().orElseThrow().logicalId()).isEqualTo("Replica");
        assertThat(template.cache().orElseThrow())
                .extracting(c -> c.port(), c -> c.tls(), c -> c.auth())
                .containsExactly(6380, true, true);
        assertThat(template.listener()).isEmpty();

        RegionStackTemplate renamed = RegionStackTemplate.read(assembly.stack("app-eu-west-1"));
        assertThat(renamed.databases())
                .extracting(DatabaseInstance::role, DatabaseInstance::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DatabaseInstance.Role.PRIMARY, 5433),
                        org.assertj.core.groups.Tuple.tuple(DatabaseInstance.Role.PROMOTED, 5432));
        assertThatThrownBy(() -> renamed.regionDatabase()).hasMessageContaining("several databases of its own");
        assertThatThrownBy(() -> assembly.stack("Renamed")).hasMessageContaining("has no stack Renamed");
    }

    @Test
    void aMissingAssemblySaysHowToMakeIt() {
        assertThatThrownBy(() -> CloudAssembly.read(out.resolve("cdk.out")))
                .hasMessageContaining("no cloud assembly in " + out.resolve("cdk.out"))
                .hasMessageContaining("./platform synth --environment staging --out " + out.resolve("cdk.out"));
    }
}
