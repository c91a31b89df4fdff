package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.ContainerHealthCheck;
import io.drplatform.manifest.model.HealthProbe;
import io.drplatform.manifest.model.ServiceSpec;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A service's container health check: one way to check (a command ECS can run, or a path with the client that fetches
 * it) and timings within what ECS accepts, the timeout shorter than the interval so checks never overlap.
 */
final class HealthCheckRules extends SectionRules {
    /** A path and query without spaces, quotes or shell characters: it becomes one argument of an exec-form command. */
    private static final Pattern PROBE_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*");

    private static final List<String> PROBES =
            Arrays.stream(HealthProbe.values()).map(HealthProbe::id).toList();

    HealthCheckRules(ProblemReport report) {
        super(report);
    }

    void check(ServiceSpec s, String at) {
        ContainerHealthCheck h = s.healthCheck();
        if (h == null) {
            return;
        }
        String here = at + "/healthCheck";
        if ((h.command() == null) == (h.path() == null)) {
            report.problem(
                    here,
                    "set exactly one of `command` (run in the container) or `path` (fetched over HTTP with `probe`)",
                    "e.g. `healthCheck: {path: /health, probe: wget}` or `healthCheck: {command: [CMD, /app/healthcheck]}`");
        } else if (h.command() != null) {
            checkCommand(h.command(), here + "/command");
            if (h.probe() != null) {
                report.problem(
                        here + "/probe", "`probe` fetches `path`, and this check runs `command`", "remove `probe`");
            }
        } else {
            checkPath(h, here);
        }
        checkTimings(h, here);
    }

    private void checkCommand(List<String> command, String pointer) {
        if (command.isEmpty() || command.stream().anyMatch(c -> c == null || c.isBlank())) {
            report.problem(
                    pointer, "needs the command to run, without empty entries", "e.g. `[CMD, /app/healthcheck]`");
        } else if ("CMD".equals(command.get(0))) {
            if (command.size() < 2) {
                report.problem(pointer, "`CMD` needs the executable to run after it", "e.g. `[CMD, /app/healthcheck]`");
            }
        } else if ("CMD-SHELL".equals(command.get(0))) {
            if (command.size() != 2) {
                report.problem(
                        pointer,
                        "`CMD-SHELL` takes the whole shell command as one entry, found " + (command.size() - 1),
                        "e.g. `[CMD-SHELL, \"pg_isready -U postgres\"]`");
            }
        } else {
            report.problem(
                    pointer + "/0",
                    "must start with `CMD` (run an executable) or `CMD-SHELL` (run a shell command), found `"
                            + command.get(0) + "`",
                    "e.g. `[CMD, " + command.get(0) + ", ...]`");
        }
    }

    private void checkPath(ContainerHealthCheck h, String here) {
        if (!PROBE_PATH.matcher(h.path()).matches() || h.path().length() > 1024) {
            report.problem(
                    here + "/path",
                    "`" + h.path() + "` is not an HTTP path",
                    "start with / and use no spaces or quotes, e.g. `/health`");
        }
        if (h.probe() == null) {
            report.problem(
                    here + "/probe",
                    "a health check `path` needs the HTTP client in the image that fetches it",
                    "`probe: " + String.join("` or `probe: ", PROBES)
                            + "`; for an image with neither, set `command` to something the image can run");
        }
    }

    private void checkTimings(ContainerHealthCheck h, String here) {
        boolean intervalOk = within(h.intervalSeconds(), 5, 300, here + "/intervalSeconds");
        boolean timeoutOk = within(h.timeoutSeconds(), 2, 60, here + "/timeoutSeconds");
        within(h.retries(), 1, 10, here + "/retries");
        within(h.startPeriodSeconds(), 0, 300, here + "/startPeriodSeconds");
        if (intervalOk && timeoutOk && h.timeoutSeconds() >= h.intervalSeconds()) {
            report.conflict(
                    here + "/timeoutSeconds",
                    here + "/intervalSeconds",
                    "timeoutSeconds " + h.timeoutSeconds() + " is not less than intervalSeconds " + h.intervalSeconds()
                            + ": a check would still run when the next one starts",
                    "lower timeoutSeconds below " + h.intervalSeconds() + " or raise intervalSeconds");
        }
    }

    private boolean within(Integer value, int min, int max, String pointer) {
        if (value == null || value < min || value > max) {
            report.problem(pointer, "must be " + min + "-" + max + " (what ECS accepts), found " + value, null);
            return false;
        }
        return true;
    }
}
