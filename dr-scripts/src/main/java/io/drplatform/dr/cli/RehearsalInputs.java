package io.drplatform.dr.cli;

import io.drplatform.dr.rehearsal.assembly.CloudAssembly;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a rehearsal starts from, made when absent as a user would make it: the environment's cloud assembly with
 * {@code ./platform synth}, and the service jar with the Maven wrapper, both from the repository the assembly
 * directory belongs to.
 */
final class RehearsalInputs {
    private RehearsalInputs() {}

    static CloudAssembly assembly(Path directory, String manifest, String environment, PrintStream out)
            throws IOException, InterruptedException {
        if (!Files.exists(directory.resolve(CloudAssembly.MANIFEST))) {
            Path platform = repositoryRoot(directory).resolve("platform");
            if (!Files.isExecutable(platform)) {
                return CloudAssembly.read(directory, environment);
            }
            out.println("no cloud assembly in " + directory + "; synthesizing " + environment);
            run(
                    List.of(
                            platform.toString(),
                            "synth",
                            "--manifest",
                            Path.of(manifest).toAbsolutePath().toString(),
                            "--environment",
                            environment,
                            "--out",
                            directory.toAbsolutePath().toString()),
                    repositoryRoot(directory),
                    "synthesis");
        }
        return CloudAssembly.read(directory, environment);
    }

    static Path serviceJar(Path jar, Path assemblyDirectory, PrintStream out) throws IOException, InterruptedException {
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path root = repositoryRoot(assemblyDirectory);
        if (!Files.isExecutable(root.resolve("mvnw"))) {
            throw new IllegalArgumentException("service jar not found: " + jar + " (pass --service-jar)");
        }
        out.println("no service jar at " + jar + "; building it");
        run(List.of("./mvnw", "-B", "-q", "-ntp", "-pl", "service", "-am", "package", "-DskipTests"), root, "build");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("the build did not produce " + jar);
        }
        return jar;
    }

    /** The repository an assembly directory ({@code <root>/cdk-app/cdk.out} by default) belongs to. */
    static Path repositoryRoot(Path assemblyDirectory) {
        Path absolute = assemblyDirectory.toAbsolutePath().normalize();
        for (Path p = absolute; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("platform")) && Files.isDirectory(p.resolve("cdk-app"))) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static void run(List<String> command, Path directory, String what)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .inheritIO()
                .start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(
                    "the " + what + " failed (exit " + exit + "): " + String.join(" ", command));
        }
    }
}
