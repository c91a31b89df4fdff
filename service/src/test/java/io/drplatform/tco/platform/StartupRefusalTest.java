package io.drplatform.tco.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.TcoServiceApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real entry point in its own JVM, with the environment a task gets: a configuration that cannot work is
 * refused with one ERROR line naming the setting, no stack trace, and a non-zero exit code (the usual INFO lines
 * of a starting application may come before it).
 */
class StartupRefusalTest {

    private record Run(int exitCode, List<String> lines) {
        /** The lines at WARN or ERROR; and no line of a stack trace anywhere. */
        List<String> problems() {
            assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
            return lines.stream()
                    .filter(l -> l.contains(" ERROR ")
                            || l.contains(" WARN ")
                            || l.contains("\"level\":\"ERROR\"")
                            || l.contains("\"level\":\"WARN\""))
                    .toList();
        }
    }

    private static Run run(Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tco-start-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            TcoServiceApplication.class.getName())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("PLATFORM_"));
            pb.environment().put("SERVER_PORT", "0");
            pb.environment().putAll(environment);
            Process p = pb.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("the service exits by itself")
                    .isTrue();
            return new Run(
                    p.exitValue(),
                    Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void withoutTokenVerificationTheServiceRefusesToStart() throws Exception {
        Run run = run(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", ""));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.problems()).hasSize(1);
        assertThat(run.problems().get(0))
                .contains(
                        "ERROR",
                        "refusing to start",
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
    }

    @Test
    void anUnknownPlatformEnvironmentIsOneJsonLine() throws Exception {
        Run run = run(Map.of(
                "PLATFORM_ENVIRONMENT",
                "aws",
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                "http://127.0.0.1:9/jwks.json"));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.problems()).hasSize(1);
        assertThat(run.problems().get(0))
                .startsWith("{")
                .contains(
                        "\"level\":\"ERROR\"",
                        "PLATFORM_ENVIRONMENT='aws' is not one of [development, production, staging]");
    }
}
