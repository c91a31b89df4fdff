package io.drplatform.dr.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code dr local run}: a program of the user's started as one service's task would start in a region of the
 * rehearsal, with exactly the environment its task definition gives (resolved at {@code dr local up}, secrets from
 * the rehearsal's generated ones) on top of what the image would supply: the CA bundle standing in for the image's
 * ({@link RehearsalTrust#environment}) and the {@code PATH} of the shell that runs the tool. So a service of any
 * runtime (or a probe of it) runs against the rehearsal's databases and caches as its container would.
 */
public final class LocalTaskRun {
    private LocalTaskRun() {}

    /**
     * @param region null for the primary region
     * @return the program's exit code
     */
    public static int run(Path stateDirectory, String region, String service, List<String> command, PrintStream out)
            throws IOException, InterruptedException {
        LocalState state = LocalState.load(stateDirectory);
        String in = region == null ? state.primaryRegion() : region;
        Path file = TaskDefinitionFile.file(state, in, service);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(
                    "no service " + service + " in " + in + "; the rehearsal has " + tasks(state, in));
        }
        TaskDefinitionFile definition = TaskDefinitionFile.load(file);
        if (definition.unresolved() != null) {
            throw new IllegalStateException("the environment of " + definition.taskDefinitionId()
                    + " could not be resolved locally:\n" + definition.unresolved());
        }
        Map<String, String> environment = new LinkedHashMap<>(RehearsalTrust.environment(state));
        String path = System.getenv("PATH");
        if (path != null) {
            environment.put("PATH", path);
        }
        // The task definition's own values win, as a container's environment overrides its image's.
        environment.putAll(definition.environment());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Through the tool's own output, so whoever runs the tool (a script, a test) reads what the program printed.
        process.getInputStream().transferTo(out);
        out.flush();
        return process.waitFor();
    }

    private static List<String> tasks(LocalState state, String region) throws IOException {
        Path directory = state.privateDirectory().resolve("tasks");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        String prefix = region + ".";
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith(prefix) && name.endsWith(".json"))
                    .map(name -> name.substring(prefix.length(), name.length() - ".json".length()))
                    .sorted()
                    .toList();
        }
    }
}
