package io.drplatform.dr.cli;

import io.drplatform.dr.local.LocalInventory;
import io.drplatform.dr.local.LocalRegionPair;
import io.drplatform.dr.local.LocalTaskRun;
import io.drplatform.dr.rehearsal.AssemblyDescription;
import io.drplatform.dr.rehearsal.SeamCheck;
import io.drplatform.dr.rehearsal.assembly.CloudAssembly;
import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.manifest.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "local",
        description =
                "The rehearsal: an environment's synthesized region pair on loopback, with real PostgreSQL, Redis, the service and load balancers built from the templates.",
        subcommands = {
            LocalCommand.Up.class,
            LocalCommand.Down.class,
            LocalCommand.Alarm.class,
            LocalCommand.Status.class,
            LocalCommand.Check.class,
            LocalCommand.Run.class
        })
public class LocalCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Rehearse the environment's synthesized deployment on loopback: every region stack's"
                    + " database, cache, services and load balancer, the identity provider and the failover entry"
                    + " point, built from the cloud assembly (synthesized first if absent) with the service jar"
                    + " (built first if absent).")
    static class Up implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--assembly",
                description = "the cloud assembly directory (default: ${DEFAULT-VALUE})",
                defaultValue = "${env:DR_ASSEMBLY:-cdk-app/cdk.out}")
        Path assembly;

        @Option(
                names = "--service-jar",
                description = "what an image built from service/Dockerfile runs (default: ${DEFAULT-VALUE})",
                defaultValue = "${env:DR_SERVICE_JAR:-service/target/service.jar}")
        Path serviceJar;

        @Option(
                names = "--timing-scale",
                defaultValue = "0.1",
                description = "factor on the synthesized health-check intervals (Route 53 and the load balancers);"
                        + " thresholds stay as synthesized (default: ${DEFAULT-VALUE}: a 10 s Route 53 interval"
                        + " becomes 1 s)")
        double timingScale;

        @Override
        public Integer call() throws Exception {
            common.provider = "local";
            Deployment d = common.deploymentOrNull();
            if (d == null) {
                throw new IllegalArgumentException("manifest not found: " + common.manifest + " (pass --manifest)");
            }
            if (!(timingScale > 0 && timingScale <= 1)) {
                throw new IllegalArgumentException("--timing-scale must be above 0 and at most 1, not " + timingScale);
            }
            CloudAssembly cloudAssembly =
                    RehearsalInputs.assembly(assembly, common.manifest.toString(), common.environment, System.out);
            EnvironmentTemplates templates = EnvironmentTemplates.read(cloudAssembly, d);
            // The jar is needed (and built if absent) only where an image is built from the service's Dockerfile.
            Path jar = LocalRegionPair.runsServiceJar(templates)
                    ? RehearsalInputs.serviceJar(serviceJar, assembly, System.out)
                    : null;
            List<String> seams = SeamCheck.problems(templates);
            if (!seams.isEmpty()) {
                System.out.println("seam defects (dr local check lists them too):");
                seams.forEach(problem -> System.out.println("  " + problem));
                return 1;
            }
            LocalRegionPair.up(
                    common.stateDirectory, new LocalRegionPair.Options(templates, jar, timingScale), System.out);
            System.out.println("up; state in " + common.stateDirectory
                    + ". Try: dr local status, dr drill region-failover --provider local");
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
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run a program as one service's task runs in the rehearsal: exactly the environment its task"
                    + " definition gives (secrets resolved), the rehearsal's CA bundle in the variables TLS libraries"
                    + " read (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, PGSSLROOTCERT) and this"
                    + " shell's PATH. For services whose image the rehearsal cannot run. Exits with the program's"
                    + " code. Example: dr local run --service backend -- node server.js")
    static class Run implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--service", required = true, description = "the service, as the manifest names it")
        String service;

        @Option(names = "--region", description = "the region whose task to be (default: the primary region)")
        String region;

        @Parameters(arity = "1..*", description = "the program and its arguments (after --)")
        List<String> command;

        @Override
        public Integer call() throws Exception {
            return LocalTaskRun.run(common.stateDirectory, region, service, command, System.out);
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Every server of the rehearsal under the logical id of the template resource it stands for:"
                    + " kind, local address and health, read live.")
    static class Status implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--url",
                description = "print only the URL users reach the rehearsal at (the failover entry point, or the"
                        + " region's listener where there are no failover records), for scripts")
        boolean entryPointOnly;

        @Override
        public Integer call() throws Exception {
            if (entryPointOnly) {
                System.out.println(LocalInventory.entryPointUrl(common.stateDirectory));
                return 0;
            }
            List<LocalInventory.Row> rows = LocalInventory.rows(common.stateDirectory);
            String format = "%-38s %-50s %-28s %-22s %s%n";
            System.out.printf(format, "stack", "logical id", "kind", "address", "health");
            rows.forEach(r -> System.out.printf(format, r.stack(), r.logicalId(), r.kind(), r.address(), r.health()));
            return 0;
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
