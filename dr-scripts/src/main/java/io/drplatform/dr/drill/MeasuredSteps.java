package io.drplatform.dr.drill;

import io.drplatform.dr.engine.DrillStep;
import io.drplatform.dr.engine.Milestone;
import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.engine.StepAction;
import io.drplatform.dr.engine.StepContext;
import io.drplatform.dr.measure.DataLoss;
import io.drplatform.dr.measure.EntryPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The measuring steps every drill shares: start the heartbeat, wait for the first accepted write, count losses. */
public final class MeasuredSteps {
    private MeasuredSteps() {}

    public static DrillStep startHeartbeat(DrillSession session, EntryPoint entryPoint) {
        DrillSettings settings = session.settings();
        return DrillStep.of(
                        "start heartbeat writer",
                        List.of("POST " + entryPoint.baseUri() + "/api/v1/calculations every "
                                + settings.heartbeatInterval().toMillis() + " ms, journal in the report directory"),
                        ctx -> {
                            var hb = session.startHeartbeat(entryPoint);
                            boolean flowing = ctx.await(
                                    "first acknowledged heartbeat",
                                    Duration.ofSeconds(30),
                                    Duration.ofMillis(100),
                                    () -> hb.journal().size() > 0);
                            if (!flowing) {
                                throw new IllegalStateException("no heartbeat write acknowledged through "
                                        + entryPoint.baseUri() + " (last error: " + hb.lastError() + ")");
                            }
                            Thread.sleep(settings.baselineDuration().toMillis());
                            return hb.journal().size() + " writes acknowledged before the fault";
                        })
                .withRollback(ctx -> {
                    session.heartbeat().stop();
                    return "heartbeat stopped";
                });
    }

    /** Runs the promotion and marks it on the timeline once it is done. */
    public static StepAction promotion(Operation promote) {
        return ctx -> {
            String detail = promote.run(ctx);
            ctx.mark(Milestone.PROMOTION);
            return detail;
        };
    }

    /** Marks the fault now and arms the heartbeat to report the first write sent after it and accepted. */
    public static Instant markFault(DrillSession session, StepContext ctx) {
        Instant fault = ctx.mark(Milestone.FAULT);
        if (session.heartbeat() != null) {
            session.heartbeat().watchFirstAcceptedAfter(fault, at -> ctx.mark(Milestone.FIRST_ACCEPTED_WRITE, at));
        }
        return fault;
    }

    public static DrillStep verifyWrites(DrillSession session) {
        return DrillStep.of(
                "verify writes through the entry point",
                List.of("wait for a heartbeat write sent after the fault to be acknowledged"),
                ctx -> {
                    var hb = session.heartbeat();
                    Duration deadline = session.settings().recoveryDeadline();
                    boolean accepted = ctx.await(
                            "first write accepted after the fault",
                            deadline,
                            Duration.ofMillis(50),
                            () -> hb.firstAcceptedAfterFault() != null);
                    if (!accepted) {
                        throw new IllegalStateException("no write accepted within " + deadline.toSeconds()
                                + " s of the fault (last error: " + hb.lastError() + ")");
                    }
                    Instant fault = ctx.milestone(Milestone.FAULT);
                    return "first write accepted "
                            + Duration.between(fault, hb.firstAcceptedAfterFault())
                                    .toMillis() + " ms after the fault";
                });
    }

    public static DrillStep measureDataLoss(DrillSession session, EntryPoint entryPoint, boolean lossIsFailure) {
        return DrillStep.of(
                "measure data loss",
                List.of("GET " + entryPoint.baseUri() + "/api/v1/calculations/{id} for every acknowledged write"),
                ctx -> {
                    DataLoss loss = session.assessDataLoss(entryPoint, ctx.milestone(Milestone.FAULT));
                    if (lossIsFailure && loss.lost() > 0) {
                        throw new IllegalStateException(
                                loss.lost() + " acknowledged writes lost: " + loss.lostSequences());
                    }
                    return loss.checked() + " acknowledged writes checked, " + loss.lost() + " lost, " + loss.unknown()
                            + " unknown, window " + loss.window().toMillis() + " ms";
                });
    }
}
