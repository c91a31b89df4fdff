package io.drplatform.dr.rehearsal.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The ALB's health checker: every target group's targets are probed on the group's interval, each directly on its
 * own address with {@code GET <path>}, and each verdict goes to the target's {@link TargetHealth}. After every round
 * {@code afterRound} runs (the load balancer writes its status file).
 */
final class HealthChecker {
    private static final long TICK_MILLIS = 20;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Supplier<Collection<TargetGroupState>> groups;
    private final Runnable afterRound;

    HealthChecker(Supplier<Collection<TargetGroupState>> groups, Runnable afterRound) {
        this.groups = groups;
        this.afterRound = afterRound;
    }

    void start(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::startDueRounds, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void startDueRounds() {
        long now = System.nanoTime();
        for (TargetGroupState group : groups.get()) {
            if (group.startRoundIfDue(now)) {
                round(group);
            }
        }
    }

    private void round(TargetGroupState group) {
        LoadBalancerSpec.HealthCheck rules = group.healthCheck();
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (TargetHealth target : group.targets()) {
            checks.add(check(target.target(), rules).thenAccept(verdict -> target.record(verdict, rules)));
        }
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            group.roundDone();
            afterRound.run();
        });
    }

    private CompletableFuture<TargetHealth.Check> check(String target, LoadBalancerSpec.HealthCheck rules) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + target + rules.path()))
                .timeout(Duration.ofMillis(rules.timeoutMillis()))
                .header("User-Agent", "ELB-HealthChecker/2.0")
                .GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> rules.matches(response.statusCode())
                        ? TargetHealth.Check.pass()
                        : TargetHealth.Check.fail(
                                "Target.ResponseCodeMismatch",
                                "Health checks failed with these codes: [" + response.statusCode() + "]"))
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    return cause instanceof HttpTimeoutException
                            ? TargetHealth.Check.fail("Target.Timeout", "Request timed out")
                            : TargetHealth.Check.fail("Target.FailedHealthChecks", "Health checks failed: " + cause);
                });
    }
}
