package io.drplatform.dr.cli;

import io.drplatform.dr.local.LocalRegionPair;
import io.drplatform.dr.rehearsal.AssemblyDescription;
import io.drplatform.dr.rehearsal.SeamCheck;
import io.drplatform.dr.rehearsal.assembly.CloudAssembly;
import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.plan.RegionPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "local",
        description =
                "A real region pair on loopback: PostgreSQL primary + streaming standby, Redis and a service per region, a failover entry point.",
        subcommands = {
            LocalCommand.Up.class,
            LocalCommand.Down.class,
            LocalCommand.Alarm.class,
            LocalCommand.Check.class
        })
public class LocalCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The stand-in service's deep-health path, also the reference service's. */
    private static final String DEEP_HEALTH = "/health/deep";

    /**
     * The path the entry point checks, as Route 53 checks it: the deep-health path of the service the region plan
     * has Route 53 check; a service whose deep check is its root has none worth probing, so the stand-in's is used.
     */
    static String deepHealthPath(RegionPlan plan) {
        String path = plan.healthCheckedService().deepHealthCheckPath();
        return path == null || path.equals("/") ? DEEP_HEALTH : path;
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Start the local region pair.")
    static class Up implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--health-interval-ms",
                defaultValue = "1000",
                description =
                        "entry point health-check interval (default: ${DEFAULT-VALUE}; Route 53 uses 10000 or 30000)")
        long intervalMs;

        @Option(
                names = "--failure-threshold",
                defaultValue = "3",
                description = "consecutive results to change health (default: ${DEFAULT-VALUE})")
        int threshold;

        @Option(
                names = "--service-jar",
                description =
                        "run the reference service jar in each region instead of the stand-in (default: $DR_SERVICE_JAR)",
                defaultValue = "${env:DR_SERVICE_JAR}")
        Path serviceJar;

        @Override
        public Integer call() throws Exception {
            common.provider = "local";
            Deployment d = common.deploymentOrNull();
            String primary = d != null ? d.regions().primary() : "region-a";
            String standby =
                    d != null && d.regions().standby() != null ? d.regions().standby() : "region-b";
            String healthPath = d == null ? DEEP_HEALTH : deepHealthPath(RegionPlan.of(d, primary));
            if (serviceJar != null && !Files.exists(serviceJar)) {
                throw new IllegalArgumentException("service jar not found: " + serviceJar);
            }
            LocalRegionPair.up(
                    common.stateDirectory,
                    new LocalRegionPair.Options(
                            d == null ? "local" : d.name(),
                            common.environment,
                            primary,
                            standby,
                            Duration.ofMillis(intervalMs),
                            threshold,
                            healthPath,
                            serviceJar),
                    System.out);
            System.out.println("up; state in " + common.stateDirectory + ". Try: dr status --provider local");
            return 0;
        }
    }

    @Command(
            name = "down",
            mixinStandardHelpOptions = true,
            description = "Stop the local region pair and delete its data.")
    static class Down implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            LocalRegionPair.down(common.stateDirectory, System.out);
            return 0;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Read the environment's synthesized templates (a cloud assembly, as ./platform synth writes it),"
                            + " list what they declare for the region pair by logical id, and check the seams between them and"
                            + " the services. Exit 1 on a seam defect.")
    static class Check implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--assembly",
                description = "the cloud assembly directory (default: ${DEFAULT-VALUE})",
                defaultValue = "${env:DR_ASSEMBLY:-cdk-app/cdk.out}")
        Path assembly;

        @Override
        public Integer call() {
            Deployment d = common.deploymentOrNull();
            if (d == null) {
                throw new IllegalArgumentException("manifest not found: " + common.manifest + " (pass --manifest)");
            }
            EnvironmentTemplates templates =
                    EnvironmentTemplates.read(CloudAssembly.read(assembly, common.environment), d);
            System.out.print(AssemblyDescription.render(templates));
            List<String> problems = SeamCheck.problems(templates);
            if (problems.isEmpty()) {
                System.out.println("seams hold: every service gets what it needs, every health check reaches it");
                return 0;
            }
            System.out.println("seam defects:");
            problems.forEach(problem -> System.out.println("  " + problem));
            return 1;
        }
    }

    @Command(
            name = "alarm",
            mixinStandardHelpOptions = true,
            description = "Fire (or clear) a local stop-condition alarm, to rehearse a drill abort.")
    static class Alarm implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", description = "alarm name")
        String name;

        @Option(names = "--clear", description = "clear instead of fire")
        boolean clear;

        @Override
        public Integer call() throws Exception {
            var state = io.drplatform.dr.local.LocalState.load(common.stateDirectory);
            Path file = state.alarmDirectory().resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_"));
            if (clear) {
                Files.deleteIfExists(file);
                System.out.println("alarm " + name + " cleared");
            } else {
                Files.writeString(file, "ALARM");
                System.out.println("alarm " + name + " firing");
            }
            return 0;
        }
    }
}
