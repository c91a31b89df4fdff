package io.drplatform.tco.problem;

import java.time.Duration;

/** An error the API answers deliberately, with its problem type and an optional Retry-After. */
public class ApiException extends RuntimeException {
    private final ProblemType type;
    private final transient Duration retryAfter;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ApiException(ProblemType type, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
