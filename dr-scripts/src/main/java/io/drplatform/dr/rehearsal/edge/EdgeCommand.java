package io.drplatform.dr.rehearsal.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a tool the stand-ins are made with (openssl, keytool), with bounded time and its output in the error. */
final class EdgeCommand {
    private EdgeCommand() {}

    static String run(List<String> command, Duration max) throws IOException, InterruptedException {
        // Output to a file, not a pipe: a tool that writes more than the pipe holds would block until the deadline.
        Path output = Files.createTempFile("dr-edge-cmd-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out after " + max + ": " + command + "\n" + Files.readString(output));
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IOException("failed (" + process.exitValue() + "): " + command + "\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
