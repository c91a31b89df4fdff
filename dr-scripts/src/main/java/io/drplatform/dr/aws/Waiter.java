package io.drplatform.dr.aws;

import io.drplatform.dr.engine.StepContext;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Polls an AWS state with exponential backoff until it is reached, the stop condition fires, or the deadline
 * passes; then it gives up with a message that says what it waited for and what it last saw.
 */
public final class Waiter {
    private final Duration firstDelay;
    private final Duration maxDelay;

    public Waiter(Duration firstDelay, Duration maxDelay) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    public <T> T until(
            StepContext ctx,
            String what,
            Duration deadline,
            Supplier<T> poll,
            Predicate<T> done,
            Function<T, String> describe)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        long delay = firstDelay.toMillis();
        String last = "nothing yet";
        String lastReported = null;
        while (true) {
            if (ctx != null) {
                ctx.checkStop();
            }
            try {
                T value = poll.get();
                last = describe.apply(value);
                if (ctx != null && !last.equals(lastReported)) {
                    ctx.progress(what + ": " + last);
                    lastReported = last;
                }
                if (done.test(value)) {
                    return value;
                }
            } catch (SdkServiceException e) {
                if (!e.isThrottlingException()) {
                    throw e;
                }
                // Throttled even after the SDK's own retries: back off further instead of failing the drill.
                last = "throttled (" + e.statusCode() + ")";
                if (ctx != null) {
                    ctx.progress(what + ": throttled, backing off");
                }
            }
            if (System.nanoTime() + delay * 1_000_000 > end) {
                throw new IllegalStateException(
                        "gave up waiting for " + what + " after " + deadline.toSeconds() + " s; last seen: " + last);
            }
            Thread.sleep(delay);
            delay = Math.min(maxDelay.toMillis(), Math.max(1, (long) (delay * 1.5)));
        }
    }
}
