package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.resolve.RegionValues;
import io.drplatform.dr.rehearsal.template.ContainerSpec;
import io.drplatform.dr.rehearsal.template.EcsService;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.model.ContainerImage;
import io.drplatform.manifest.model.ServiceSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The region stacks' ECS services. For every service in every region a {@link TaskDefinitionFile} is resolved from
 * its task definition; the schema migration runs once against the writable database, as the deployment runs it
 * before new tasks take traffic; then each service whose desired count in its region is above zero gets one task.
 * An image built from the reference service's Dockerfile runs as the service jar; any other image cannot run without
 * a container engine and gets a labelled {@link PlaceholderTask}.
 */
final class LocalServices implements LocalResource {
    /** The Dockerfile whose image is the service jar. */
    static final String SERVICE_DOCKERFILE = "service/Dockerfile";

    @Override
    public LocalState start(LocalState state, Startup startup) throws Exception {
        List<String> placeholders = new ArrayList<>();
        for (EnvironmentTemplates.Region region : startup.templates().regions()) {
            for (EcsService service : region.template().services()) {
                TaskDefinitionFile definition = definition(state, startup, region, service);
                definition.save(TaskDefinitionFile.file(state, region.template().region(), service.name()));
                if (definition.runs().equals(TaskDefinitionFile.PLACEHOLDER)
                        && !placeholders.contains(definition.image())) {
                    placeholders.add(definition.image());
                }
            }
        }
        placeholders.forEach(image -> startup.out()
                .println("placeholder: " + image + " cannot run without a container engine; its tasks answer only"
                        + " their health check paths, labelled " + PlaceholderTask.LABEL_HEADER));
        EnvironmentTemplates.Region active = startup.templates().regions().get(0);
        migrate(state, startup, active);
        for (EnvironmentTemplates.Region region : startup.templates().regions()) {
            String name = region.template().region();
            for (EcsService service : region.template().services()) {
                if (service.desiredCount() == 0) {
                    startup.out()
                            .println(service.logicalId() + ": " + service.name() + " in " + name
                                    + " has 0 desired tasks (scaled up by a failover)");
                    continue;
                }
                LocalState.Task task = state.region(name).task(service.name()).orElseThrow();
                startup.out()
                        .println(service.logicalId() + ": " + service.name() + " in " + name + ", 1 of "
                                + service.desiredCount() + " desired tasks, " + task.runs() + " on " + task.address()
                                + ":" + task.port());
                long pid = TaskLauncher.start(state, name, task);
                state = startup.record(state.withRegion(state.region(name).withTask(task.withPid(pid))));
            }
        }
        return state;
    }

    @Override
    public void stop(LocalState state, LocalState.RegionNode node, PrintStream out) {
        node.tasks().forEach(task -> TaskLauncher.stop(state, task));
    }

    private static TaskDefinitionFile definition(
            LocalState state, Startup startup, EnvironmentTemplates.Region region, EcsService service)
            throws IOException {
        ContainerSpec container = service.container();
        String image = imageOf(startup.templates(), service.name());
        String healthPath = service.targetGroupId()
                .map(id -> region.template().targetGroup(id).healthCheckPath())
                .orElse("/");
        if (!runsServiceJar(startup.templates(), service.name())) {
            // Resolved although nothing runs it here, for `dr local run`; a secret the stacks do not create (one made
            // by hand) leaves it unresolved, said in the file rather than failing the rehearsal.
            Map<String, String> environment = Map.of();
            String unresolved = null;
            try {
                environment = startup.values()
                        .region(region.template().region())
                        .service(service.name())
                        .environment();
            } catch (IllegalStateException e) {
                unresolved = e.getMessage();
            }
            return new TaskDefinitionFile(
                    TaskDefinitionFile.PLACEHOLDER,
                    image,
                    container.taskDefinitionId(),
                    container.command(),
                    environment,
                    List.of(),
                    healthPath,
                    healthPaths(
                            healthPath,
                            spec(startup.templates(), service.name()).deepHealthCheckPath()),
                    unresolved);
        }
        Map<String, String> environment = withoutTraceExport(
                startup,
                service.name(),
                sidecars(region.template().stack(), container),
                startup.values()
                        .region(region.template().region())
                        .service(service.name())
                        .environment());
        return new TaskDefinitionFile(
                TaskDefinitionFile.SERVICE_JAR,
                image,
                container.taskDefinitionId(),
                container.command(),
                environment,
                jvmOptions(state, region.template().stack(), container),
                healthPath,
                List.of(healthPath),
                null);
    }

    /**
     * The task definition's other containers (a trace collector beside a traced service): none of them runs here, as
     * no image does. The service is then not told to export traces to a collector that is not there; it still
     * samples and logs its trace ids, and its spans go nowhere.
     */
    private static Map<String, String> withoutTraceExport(
            Startup startup, String service, List<String> sidecars, Map<String, String> environment) {
        sidecars.forEach(sidecar -> startup.out()
                .println("sidecar: " + sidecar + " beside " + service + " does not run without a container engine"));
        if (!environment.containsKey(ContainerVariables.OTLP_TRACES_ENDPOINT)) {
            return environment;
        }
        startup.out()
                .println(service + ": " + ContainerVariables.OTLP_TRACES_ENDPOINT
                        + " left out, its collector does not run here: traces are sampled, not exported");
        Map<String, String> local = new LinkedHashMap<>(environment);
        local.remove(ContainerVariables.OTLP_TRACES_ENDPOINT);
        return local;
    }

    /** {@code name (image)} of every container of the task definition besides the service's own. */
    private static List<String> sidecars(SynthesizedStack stack, ContainerSpec container) {
        List<String> sidecars = new ArrayList<>();
        stack.resource(container.taskDefinitionId())
                .path("Properties")
                .path("ContainerDefinitions")
                .forEach(definition -> {
                    String name = definition.path("Name").asText();
                    if (!name.equals(container.name())) {
                        sidecars.add(name + " (" + definition.path("Image").asText() + ")");
                    }
                });
        return sidecars;
    }

    private static List<String> healthPaths(String targetGroupPath, String deepHealthPath) {
        return deepHealthPath == null || deepHealthPath.equals(targetGroupPath)
                ? List.of(targetGroupPath)
                : List.of(targetGroupPath, deepHealthPath);
    }

    /**
     * The JVM's own options: the trust store in place of the image's CA certificates, and the task's memory as the
     * container limit the JVM sizes its heap from.
     */
    private static List<String> jvmOptions(LocalState state, SynthesizedStack stack, ContainerSpec container) {
        List<String> options = new ArrayList<>(RehearsalTrust.jvmOptions(state));
        int memory = stack.resource(container.taskDefinitionId())
                .path("Properties")
                .path("Memory")
                .asInt(0);
        if (memory > 0) {
            options.add("-XX:MaxRAM=" + memory + "m");
        }
        return options;
    }

    /** What runs in place of a service's image: {@link TaskDefinitionFile#SERVICE_JAR} or a placeholder. */
    static String runs(EnvironmentTemplates templates, String service) {
        return runsServiceJar(templates, service) ? TaskDefinitionFile.SERVICE_JAR : TaskDefinitionFile.PLACEHOLDER;
    }

    private static boolean runsServiceJar(EnvironmentTemplates templates, String service) {
        ContainerImage image = spec(templates, service).image();
        return image.directory() != null
                && image.dockerfileOrDefault().replace('\\', '/').endsWith(SERVICE_DOCKERFILE);
    }

    private static String imageOf(EnvironmentTemplates templates, String service) {
        ContainerImage image = spec(templates, service).image();
        return image.registry() != null
                ? image.registry()
                : "the image built from " + image.directory() + "/" + image.dockerfileOrDefault();
    }

    private static ServiceSpec spec(EnvironmentTemplates templates, String service) {
        return templates.deployment().services().stream()
                .filter(s -> s.name().equals(service))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the manifest has no service " + service));
    }

    /** The migration of every service that declares one, once, against the writable database. */
    private static void migrate(LocalState state, Startup startup, EnvironmentTemplates.Region active)
            throws IOException, InterruptedException {
        String region = active.template().region();
        for (EcsService service : active.template().services()) {
            if (!spec(startup.templates(), service.name()).migrates()) {
                continue;
            }
            if (!runsServiceJar(startup.templates(), service.name())) {
                startup.out().println("migration of " + service.name() + " skipped: its image has no local build");
                continue;
            }
            RegionValues.ServiceEnvironment resolved =
                    startup.values().region(region).service(service.name());
            ContainerSpec migration = resolved.migration();
            Map<String, String> environment = new LinkedHashMap<>(resolved.migrationEnvironment());
            List<String> command = new ArrayList<>(List.of(LocalProcesses.java()));
            command.addAll(jvmOptions(state, active.template().stack(), migration));
            command.addAll(List.of("-jar", state.serviceJar()));
            command.addAll(migration.command());
            Path log = state.regionDirectory(region).resolve(service.name() + "-migration.log");
            startup.out()
                    .println(migration.taskDefinitionId() + ": migration of " + service.name() + " in " + region + " ("
                            + String.join(" ", migration.command()) + ")");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(
                        "the migration " + migration.taskDefinitionId() + " still runs after 180 s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IOException("the migration " + migration.taskDefinitionId() + " exited with "
                        + process.exitValue() + "; last lines of " + log + ":\n" + TaskLauncher.tail(log, 25));
            }
            Files.writeString(log, "\nexit 0\n", java.nio.file.StandardOpenOption.APPEND);
        }
    }
}
