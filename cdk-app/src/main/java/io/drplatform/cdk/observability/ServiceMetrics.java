package io.drplatform.cdk.observability;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.IFilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.constructs.Construct;

/**
 * The metrics of a service with {@code metrics: cloudwatch}, all in its namespace ({@link ServiceNamespace}):
 *
 * <ul>
 *   <li>what it publishes itself with Micrometer's CloudWatch registry (the reference service's meters:
 *       {@code calculations.count}, {@code tco.degraded.mode.value}, {@code resilience4j.circuitbreaker.state.value},
 *       {@code http.server.requests.count} per {@code uri} and {@code outcome}); graphed with SEARCH expressions, so
 *       every route and mode the service reports appears without the platform listing them;
 *   <li>{@code CalculationsPerMinute} and {@code Errors}, metric filters on its log group over the JSON (ECS) lines
 *       it writes: completed calculations are the access lines of a 200 quote or a 201 calculation, errors are lines
 *       at level ERROR. Both count 0 in a minute without such a line.
 * </ul>
 */
public class ServiceMetrics extends Construct {
    public static final String CALCULATIONS_PER_MINUTE = "CalculationsPerMinute";
    public static final String ERRORS = "Errors";
    /** The access lines of completed calculations: {@code <method> <path> <status> <ms>ms} from the logger "access". */
    static final List<String> COMPLETED_CALCULATIONS =
            List.of("POST /api/v1/quotes 200 *", "POST /api/v1/calculations 201 *");

    private static final Duration MINUTE = Duration.minutes(1);

    private final String namespace;
    private final String service;

    public ServiceMetrics(Construct scope, String id, ILogGroup logs, String namespace, String service) {
        super(scope, id);
        this.namespace = namespace;
        this.service = service;
        filter(logs, CALCULATIONS_PER_MINUTE, calculationsPattern());
        filter(logs, ERRORS, FilterPattern.stringValue("$.log.level", "=", "ERROR"));
    }

    private void filter(ILogGroup logs, String name, IFilterPattern pattern) {
        MetricFilter.Builder.create(this, name)
                .logGroup(logs)
                .filterPattern(pattern)
                .metricNamespace(namespace)
                .metricName(name)
                .metricValue("1")
                .defaultValue(0)
                .build();
    }

    static IFilterPattern calculationsPattern() {
        return FilterPattern.all(
                FilterPattern.stringValue("$.log.logger", "=", "access"),
                FilterPattern.any(COMPLETED_CALCULATIONS.stream()
                        .map(line -> FilterPattern.stringValue("$.message", "=", line))
                        .toArray(software.amazon.awscdk.services.logs.JsonPattern[]::new)));
    }

    /** A log-based metric of this service, summed per minute. */
    public Metric logMetric(String name) {
        return Metric.Builder.create()
                .namespace(namespace)
                .metricName(name)
                .statistic("Sum")
                .period(MINUTE)
                .label(service + " " + name)
                .build();
    }

    /** Breaker state, degraded modes, calculations per minute and errors per route. */
    public List<IWidget> widgets() {
        return List.of(
                ApplicationDashboard.graph(
                        service + ": calculations per minute",
                        List.of(
                                search(
                                        "calculations (published)",
                                        "SUM(SEARCH('{" + quoted()
                                                + ",outcome,region} MetricName=\"calculations.count\""
                                                + " (outcome=\"quoted\" OR outcome=\"created\")', 'Sum', 60))"),
                                logMetric(CALCULATIONS_PER_MINUTE))),
                ApplicationDashboard.graph(
                        service + ": errors per route (5xx, 4xx) and ERROR lines",
                        List.of(
                                search(
                                        "5xx",
                                        "SEARCH('{" + quoted()
                                                + ",outcome,region,uri} MetricName=\"http.server.requests.count\""
                                                + " outcome=\"SERVER_ERROR\"', 'Sum', 60)"),
                                search(
                                        "4xx",
                                        "SEARCH('{" + quoted()
                                                + ",outcome,region,uri} MetricName=\"http.server.requests.count\""
                                                + " outcome=\"CLIENT_ERROR\"', 'Sum', 60)"),
                                logMetric(ERRORS))),
                ApplicationDashboard.graph(
                        service + ": circuit breakers open / half-open (0/1)",
                        List.of(search(
                                "breaker",
                                "SEARCH('{" + quoted() + ",name,region,state}"
                                        + " MetricName=\"resilience4j.circuitbreaker.state.value\"', 'Maximum', 60)"))),
                ApplicationDashboard.graph(
                        service + ": degraded modes (0/1)",
                        List.of(search(
                                "mode",
                                "SEARCH('{" + quoted() + ",mode,region} MetricName=\"tco.degraded.mode.value\"',"
                                        + " 'Maximum', 60)"))));
    }

    private String quoted() {
        return "\"" + namespace + "\"";
    }

    private static IMetric search(String label, String expression) {
        return MathExpression.Builder.create()
                .expression(expression)
                .usingMetrics(Map.of())
                .label(label)
                .period(MINUTE)
                .build();
    }

    public String getNamespace() {
        return namespace;
    }

    public String getService() {
        return service;
    }
}
