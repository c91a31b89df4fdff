package io.drplatform.dr.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.drplatform.manifest.contract.PlatformParameters;
import java.util.List;
import java.util.Map;

/** Wire-format helpers: what RDS (query/XML), Route 53 (REST/XML), ECS and SSM (JSON 1.1) and CloudWatch (CBOR) answer. */
final class AwsWire {
    private AwsWire() {}

    static MappingBuilder rds(String action) {
        return post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action));
    }

    static ResponseDefinitionBuilder rdsXml(String action, String result) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody("<" + action + "Response xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><" + action
                        + "Result>" + result + "</" + action
                        + "Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></" + action
                        + "Response>");
    }

    static ResponseDefinitionBuilder rdsError(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withBody(
                        "<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error><Type>Sender</Type><Code>"
                                + code + "</Code><Message>" + message
                                + "</Message></Error><RequestId>r-err</RequestId></ErrorResponse>");
    }

    static String dbInstance(String id, String status, String replicaSource, boolean multiAz) {
        return "<DBInstance><DBInstanceIdentifier>" + id + "</DBInstanceIdentifier><DBInstanceStatus>" + status
                + "</DBInstanceStatus>"
                + (replicaSource == null
                        ? ""
                        : "<ReadReplicaSourceDBInstanceIdentifier>" + replicaSource
                                + "</ReadReplicaSourceDBInstanceIdentifier>")
                + "<MultiAZ>" + multiAz + "</MultiAZ><DBInstanceClass>db.t4g.medium</DBInstanceClass>"
                + "<Endpoint><Address>" + id
                + ".example.rds.amazonaws.com</Address><Port>5432</Port></Endpoint></DBInstance>";
    }

    /** A Multi-AZ instance as RDS describes it, with the zone it runs in and its standby's zone. */
    static String dbInstanceInZones(String id, String status, String zone, String secondaryZone) {
        return "<DBInstance><DBInstanceIdentifier>" + id + "</DBInstanceIdentifier><DBInstanceStatus>" + status
                + "</DBInstanceStatus><MultiAZ>true</MultiAZ><DBInstanceClass>db.t4g.medium</DBInstanceClass>"
                + "<AvailabilityZone>" + zone + "</AvailabilityZone><SecondaryAvailabilityZone>" + secondaryZone
                + "</SecondaryAvailabilityZone><Endpoint><Address>" + id
                + ".example.rds.amazonaws.com</Address><Port>5432</Port></Endpoint></DBInstance>";
    }

    /** How far the transaction-log backups trail, as RDS reports it (LatestRestorableTime is typically 5 min behind). */
    static final long LOG_BACKUP_LAG_SECONDS = 240;

    /** An instance whose endpoint is a real server on loopback, in a subnet group with one security group. */
    static String dbInstanceAt(String id, String status, String replicaSource, int port) {
        return "<DBInstance><DBInstanceIdentifier>" + id + "</DBInstanceIdentifier><DBInstanceStatus>" + status
                + "</DBInstanceStatus>"
                + (replicaSource == null
                        ? ""
                        : "<ReadReplicaSourceDBInstanceIdentifier>" + replicaSource
                                + "</ReadReplicaSourceDBInstanceIdentifier>")
                + "<MultiAZ>true</MultiAZ><DBInstanceClass>db.t4g.medium</DBInstanceClass>"
                + "<DBSubnetGroup><DBSubnetGroupName>private-db-subnets</DBSubnetGroupName></DBSubnetGroup>"
                + "<VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0db</VpcSecurityGroupId><Status>active</Status>"
                + "</VpcSecurityGroupMembership></VpcSecurityGroups>"
                + "<LatestRestorableTime>" + java.time.Instant.now().minusSeconds(LOG_BACKUP_LAG_SECONDS)
                + "</LatestRestorableTime>"
                + "<Endpoint><Address>127.0.0.1</Address><Port>" + port + "</Port></Endpoint></DBInstance>";
    }

    static String describeResult(String instanceXml) {
        return "<DBInstances>" + instanceXml + "</DBInstances>";
    }

    static MappingBuilder json(String target) {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    static ResponseDefinitionBuilder jsonBody(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body);
    }

    /** The region's own parameters, as GetParametersByPath answers them under the region's prefix. */
    static void regionParameters(
            WireMockServer wire,
            io.drplatform.manifest.model.Deployment deployment,
            String region,
            Map<String, String> values) {
        String prefix = PlatformParameters.prefix(deployment, region) + "/";
        StringBuilder params = new StringBuilder();
        values.forEach((k, v) -> params.append(params.length() == 0 ? "" : ",")
                .append("{\"Name\":\"")
                .append(prefix)
                .append(k)
                .append("\",\"Type\":\"String\",\"Value\":\"")
                .append(v)
                .append("\"}"));
        wire.stubFor(json("AmazonSSM.GetParametersByPath")
                .withRequestBody(containing("\"" + PlatformParameters.prefix(deployment, region) + "\""))
                .willReturn(jsonBody("{\"Parameters\":[" + params + "]}")));
    }

    /** Any parameter not stubbed otherwise: SSM's answer for a name that does not exist. */
    static void parameters(WireMockServer wire) {
        wire.stubFor(json("AmazonSSM.GetParameter")
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"Parameter not found.\"}")));
    }

    /** One parameter at its location: GetParameter in that region answers it. */
    static void parameter(WireMockServer wire, PlatformParameters.Location location, String value) {
        wire.stubFor(json("AmazonSSM.GetParameter")
                .atPriority(1)
                .withRequestBody(containing("\"" + location.name() + "\""))
                .withHeader("Authorization", containing("/" + location.region() + "/ssm/"))
                .willReturn(jsonBody("{\"Parameter\":{\"Name\":\"" + location.name()
                        + "\",\"Type\":\"String\",\"Value\":\"" + value + "\"}}")));
    }

    static MappingBuilder healthCheck(String id) {
        return get(urlPathEqualTo("/2013-04-01/healthcheck/" + id + "/status"));
    }

    static ResponseDefinitionBuilder healthStatus(String status) {
        StringBuilder obs = new StringBuilder();
        for (String region : List.of("us-east-1", "us-west-1", "eu-west-1")) {
            obs.append("<HealthCheckObservation><Region>")
                    .append(region)
                    .append("</Region><IPAddress>192.0.2.1</IPAddress>")
                    .append("<StatusReport><Status>")
                    .append(status)
                    .append(
                            "</Status><CheckedTime>2026-01-01T00:00:00Z</CheckedTime></StatusReport></HealthCheckObservation>");
        }
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody(
                        "<GetHealthCheckStatusResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><HealthCheckObservations>"
                                + obs + "</HealthCheckObservations></GetHealthCheckStatusResponse>");
    }

    static MappingBuilder cloudWatch(String operation) {
        return post(urlPathEqualTo("/service/GraniteServiceVersion20100801/operation/" + operation));
    }

    static ResponseDefinitionBuilder cbor(Map<String, Object> body) {
        try {
            return aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/cbor")
                    .withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withBody(new ObjectMapper(new CBORFactory()).writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
