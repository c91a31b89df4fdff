package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.drplatform.dr.engine.Milestone;
import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.engine.StepContext;
import io.drplatform.dr.provider.Routing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@link FailoverEntryPoint} routes like Route 53 failover records, by health: switching is waiting until it
 * answers from the new region, then reading from its events when it saw the old one fail.
 */
final class LocalRouting implements Routing {
    private final LocalPair pair;

    LocalRouting(LocalPair pair) {
        this.pair = pair;
    }

    @Override
    public Operation switchRouting(String from, String to) {
        LocalState state = pair.state();
        return new Operation(
                List.of("poll GET " + state.entryPointUrl() + FailoverEntryPoint.STATUS_PATH + " until it answers from "
                        + to + " (health every " + state.healthIntervalMs() + " ms, threshold "
                        + state.failureThreshold() + ")"),
                ctx -> awaitAnswerFrom(from, to, ctx));
    }

    private String awaitAnswerFrom(String from, String to, StepContext context) throws InterruptedException {
        LocalState state = pair.state();
        Duration deadline = Duration.ofMillis(state.healthIntervalMs() * (state.failureThreshold() * 4L + 4) + 30_000);
        boolean switched = context.await("entry point answering from " + to, deadline, Duration.ofMillis(50), () -> {
            JsonNode s = pair.entryPointStatus();
            return s != null && to.equals(s.get("answering").asText());
        });
        if (!switched) {
            throw new IllegalStateException(
                    "entry point still not answering from " + to + " after " + deadline.toSeconds() + " s");
        }
        JsonNode s = pair.entryPointStatus();
        Instant fault = context.milestone(Milestone.FAULT);
        Instant detected = null;
        Instant switchedAt = null;
        for (JsonNode e : s.get("events")) {
            Instant at = Instant.parse(e.get("at").asText());
            if (fault != null && at.isBefore(fault)) {
                continue;
            }
            if (detected == null
                    && "unhealthy".equals(e.get("type").asText())
                    && from.equals(e.get("region").asText())) {
                detected = at;
            }
            if ("answering".equals(e.get("type").asText())
                    && to.equals(e.get("region").asText())) {
                switchedAt = at;
            }
        }
        if (detected != null) {
            context.mark(Milestone.DETECTION, detected);
        }
        context.mark(Milestone.ROUTING_SWITCH, switchedAt != null ? switchedAt : Instant.now());
        return "entry point answers from " + to
                + (detected != null ? "; " + from + " marked unhealthy at " + detected : "");
    }
}
