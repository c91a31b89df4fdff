package io.drplatform.manifest.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The HTTP client inside a service's image that fetches a container health check's {@code path}. The manifest names
 * it because the platform cannot see into an image: a probe with a tool the image lacks fails every time and ECS then
 * replaces every task.
 */
public enum HealthProbe {
    /** curl, as in Debian and Ubuntu based images that install it. */
    CURL("curl"),
    /** wget, as BusyBox ships it in Alpine based images (nginx, node). */
    WGET("wget");

    private final String id;

    HealthProbe(String id) {
        this.id = id;
    }

    /**
     * The exec-form command that fetches {@code url} and exits non-zero unless the answer is a success. Exec form
     * needs no shell in the image; each tool gives up after {@code timeoutSeconds}, before ECS stops waiting.
     */
    public List<String> command(String url, int timeoutSeconds) {
        String timeout = Integer.toString(timeoutSeconds);
        return switch (this) {
            case CURL ->
                List.of("CMD", "curl", "--fail", "--silent", "--max-time", timeout, "--output", "/dev/null", url);
            // One try: GNU wget otherwise retries a timed-out fetch 20 times (BusyBox accepts -t and never retries).
            case WGET -> List.of("CMD", "wget", "-q", "-t", "1", "-T", timeout, "-O", "/dev/null", url);
        };
    }

    @JsonValue
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
