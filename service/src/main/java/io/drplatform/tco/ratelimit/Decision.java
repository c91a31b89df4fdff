package io.drplatform.tco.ratelimit;

/** The outcome for one request: allowed or not, tokens left, and timings in milliseconds. */
public record Decision(boolean allowed, long limit, long remaining, long retryAfterMs, long resetMs, String source) {}
