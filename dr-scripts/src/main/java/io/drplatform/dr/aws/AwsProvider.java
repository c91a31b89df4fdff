package io.drplatform.dr.aws;

import io.drplatform.dr.drill.DrillScenario;
import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.ScenarioProvider;
import io.drplatform.dr.engine.DrillStep;
import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.provider.Alarms;
import io.drplatform.dr.provider.ComputeScaling;
import io.drplatform.dr.provider.DatabaseOperations;
import io.drplatform.dr.provider.FailoverBudgets;
import io.drplatform.dr.provider.RegionFaults;
import io.drplatform.dr.provider.Routing;
import io.drplatform.dr.provider.StatusReader;
import io.drplatform.manifest.model.Deployment;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DR operations against AWS, one class per concern: {@link RdsOperations} (RDS, and SQL for the fence and the
 * WAL proof), {@link AwsRouting} (Route 53 health checks, or ARC routing controls when the manifest enables them),
 * {@link AwsCompute} (ECS scaling, and the drill's fault), {@link AwsAlarms} and {@link AwsStatus}. Resource
 * identifiers come from the SSM parameters the CDK app writes ({@link PublishedParameters}); which region is active
 * and what each runs, from the manifest's region plans ({@link AwsDeployment}).
 */
public final class AwsProvider implements ScenarioProvider {

    /** Polling and deadlines; tests shorten them. */
    public record Timing(
            Duration firstPoll,
            Duration maxPoll,
            Duration promotion,
            Duration scaling,
            Duration routing,
            Duration reboot,
            Duration restore,
            Duration catchUp) {
        public static Timing defaults() {
            return new Timing(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(40),
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(20),
                    Duration.ofMinutes(90),
                    Duration.ofMinutes(5));
        }
    }

    private final AwsDeployment aws;
    private final EntryPoint entryPoint;
    private final AwsCompute compute;
    private final RdsOperations databases;
    private final AwsRouting routing;
    private final AwsAlarms alarms;
    private final AwsStatus status;

    public AwsProvider(Deployment deployment, AwsClients clients, EntryPoint entryPoint, Timing timing) {
        this(deployment, clients, entryPoint, timing, RegionDatabases.Settings.fromEnvironment(System.getenv()));
    }

    public AwsProvider(
            Deployment deployment,
            AwsClients clients,
            EntryPoint entryPoint,
            Timing timing,
            RegionDatabases.Settings databaseAccess) {
        this.aws = new AwsDeployment(deployment, clients, timing, databaseAccess);
        this.entryPoint = entryPoint;
        this.compute = new AwsCompute(aws);
        this.databases = new RdsOperations(aws, compute);
        this.routing = new AwsRouting(aws, System.getenv("DR_ARC_ENDPOINTS"));
        this.alarms = new AwsAlarms(aws);
        this.status = new AwsStatus(aws, databases, routing, compute, alarms);
    }

    public static AwsProvider create(Deployment d, String endpointOverride, String entryPointUrl, String token) {
        AwsClients clients = new AwsClients(endpointOverride == null ? null : URI.create(endpointOverride));
        String url =
                entryPointUrl != null ? entryPointUrl : "https://" + d.dns().domainName();
        EntryPoint ep = token == null || token.isBlank()
                ? null
                : new EntryPoint(URI.create(url), token, EntryPoint.CALCULATION_INPUT);
        return new AwsProvider(d, clients, ep, Timing.defaults());
    }

    /** AWS figures for each step: health checks 3 x 10 s, record TTL 60 s, replica promotion several minutes. */
    @Override
    public FailoverBudgets budgets() {
        return new FailoverBudgets(
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofSeconds(90));
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public String activeRegion() {
        return aws.activeRegion();
    }

    @Override
    public String standbyRegion() {
        return aws.standbyRegion();
    }

    @Override
    public String primaryRegion() {
        return aws.deployment.regions().primary();
    }

    @Override
    public EntryPoint entryPoint() {
        return entryPoint;
    }

    @Override
    public DatabaseOperations databases() {
        return databases;
    }

    /** The drill's fault on AWS is compute: the region's services scaled to zero. */
    @Override
    public RegionFaults faults() {
        return compute;
    }

    @Override
    public ComputeScaling compute() {
        return compute;
    }

    @Override
    public Routing routing() {
        return routing;
    }

    @Override
    public Alarms alarms() {
        return alarms;
    }

    @Override
    public StatusReader status() {
        return status;
    }

    @Override
    public Optional<Function<DrillSession, List<DrillStep>>> scenario(DrillScenario scenario) {
        if (scenario instanceof DrillScenario.MultiAzFailover) {
            return Optional.of(session -> new MultiAzFailoverDrill(aws, alarms, entryPoint).steps(session));
        }
        if (scenario instanceof DrillScenario.RestoreBackup restore) {
            return Optional.of(session -> new BackupRestoreDrill(aws).steps(session, restore.pointInTime()));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        aws.clients.close();
    }
}
