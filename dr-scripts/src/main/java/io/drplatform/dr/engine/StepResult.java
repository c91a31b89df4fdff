package io.drplatform.dr.engine;

import java.time.Duration;
import java.time.Instant;

public record StepResult(
        String name, Instant startedAt, Instant endedAt, StepStatus status, String detail, Duration budget) {
    public long durationMs() {
        return startedAt == null || endedAt == null
                ? 0
                : Duration.between(startedAt, endedAt).toMillis();
    }
}
