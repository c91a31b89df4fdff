package io.drplatform.cdk.services;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ecs.AwsLogDriverMode;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * The AWS Distro for OpenTelemetry collector beside a traced service's container: it receives OTLP traces over HTTP
 * on the task's loopback and sends them to X-Ray as segments. The service exports to {@link #TRACES_ENDPOINT}.
 *
 * <ul>
 *   <li>Not essential: a collector that stops costs the traces, not the service; the service's exporter drops
 *       what it cannot send and the task keeps serving.</li>
 *   <li>Its configuration is the one AWS documents for ECS, given whole in {@code AOT_CONFIG_CONTENT}: no file, no
 *       SSM parameter to keep in step with the image.</li>
 *   <li>The task role may put segments and telemetry records, nothing more (X-Ray names no resources for these
 *       actions, hence {@code *}).</li>
 *   <li>Its logs go to the service's log group under the stream prefix {@value #STREAM_PREFIX}.</li>
 * </ul>
 */
public class TraceCollector extends Construct {
    /** The ADOT collector, pinned: a new collector is a reviewed change, like any image. */
    public static final String IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0";

    public static final String CONTAINER_NAME = "otel-collector";
    public static final String STREAM_PREFIX = "otel-collector";
    /** Where a traced service exports: the collector's OTLP/HTTP receiver, on the loopback the task shares. */
    public static final String TRACES_ENDPOINT = "http://localhost:4318/v1/traces";

    /**
     * What the awsxray exporter calls. No GetSamplingRules or GetSamplingTargets: the service samples by the
     * manifest's rate itself and nothing in the task asks X-Ray for sampling rules.
     */
    static final List<String> XRAY_ACTIONS = List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords");
    /** A small reservation: the collector batches a few spans a second and holds little. */
    private static final int MEMORY_RESERVATION_MIB = 64;

    public record Props(TaskDefinition task, ILogGroup logs, String region) {}

    private final ContainerDefinition container;
    private final Policy policy;

    public TraceCollector(Construct scope, String id, Props props) {
        super(scope, id);
        this.container = props.task()
                .addContainer(
                        "Collector",
                        ContainerDefinitionOptions.builder()
                                .containerName(CONTAINER_NAME)
                                .image(ContainerImage.fromRegistry(IMAGE))
                                .essential(false)
                                .memoryReservationMiB(MEMORY_RESERVATION_MIB)
                                .environment(Map.of("AOT_CONFIG_CONTENT", configuration(props.region())))
                                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder()
                                        .logGroup(props.logs())
                                        .streamPrefix(STREAM_PREFIX)
                                        .mode(AwsLogDriverMode.NON_BLOCKING)
                                        .build()))
                                .build());
        // A policy of its own, not the task role's default one: the wildcard it needs is accepted on it alone.
        this.policy = Policy.Builder.create(this, "XRayWrite")
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(XRAY_ACTIONS)
                        .resources(List.of("*"))
                        .build()))
                .roles(List.of(props.task().getTaskRole()))
                .build();
    }

    /**
     * OTLP over HTTP on loopback only (nothing outside the task reaches it), batched, exported with the awsxray
     * exporter in the task's region.
     */
    static String configuration(String region) {
        return """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: 127.0.0.1:4318
                processors:
                  batch/traces:
                    timeout: 1s
                    send_batch_size: 50
                exporters:
                  awsxray:
                    region: %s
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch/traces]
                      exporters: [awsxray]
                """.formatted(region);
    }

    public ContainerDefinition getContainer() {
        return container;
    }

    /** The task role's X-Ray permissions (on {@code *}: X-Ray names no resources for them). */
    public Policy getPolicy() {
        return policy;
    }
}
