package io.drplatform.dr.provider;

import java.time.Duration;

/**
 * What each step of a region failover is expected to take on a provider (its documented figures), shown in a drill's
 * report beside what was achieved; null where the provider states none.
 */
public record FailoverBudgets(Duration detection, Duration promotion, Duration scaleUp, Duration routing) {
    public static final FailoverBudgets NONE = new FailoverBudgets(null, null, null, null);
}
