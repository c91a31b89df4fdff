package io.drplatform.dr.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one drill or operation achieved. Field names are the contract of {@code report.json}, which
 * {@code dr status} and anyone comparing drills read back, so they stay put; {@code milestones}, {@code measurements}, {@code notes} and {@code timing} are additions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrillReport(
        String drillId,
        String scenario,
        String provider,
        String environment,
        Instant startedAt,
        Instant endedAt,
        List<Step> steps,
        Rto rto,
        Rpo rpo,
        Verdict verdict,
        Map<String, Instant> milestones,
        Measurements measurements,
        List<String> notes,
        Timing timing) {

    public enum Verdict {
        PASS,
        FAIL,
        ABORTED
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            String name,
            Instant startedAt,
            Instant endedAt,
            long durationMs,
            String status,
            String detail,
            Long budgetSeconds) {}

    /** {@code seconds} is null when no write was accepted after the fault (not measured). */
    public record Rto(Double seconds, Integer targetSeconds, boolean met) {}

    /** {@code lostAcknowledgedWrites} is null when survival could not be checked (not measured). */
    public record Rpo(Integer lostAcknowledgedWrites, Double windowSeconds, Integer targetSeconds, boolean met) {}

    /**
     * The health-check timing the run used, where it was scaled down from the deployed one, and the RTO the same run
     * would have taken at the deployed timing (the measured RTO plus what the slower checks add).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Timing(double scale, Double projectedRtoSeconds, String basis) {}

    /**
     * Recorded just before the fault, and the heartbeat's counts.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measurements(
            Double replicaLagSeconds,
            Long replicaBytesBehind,
            Long heartbeatAttempts,
            Long heartbeatAcknowledged,
            Long heartbeatFailures,
            Integer acknowledgedBeforeFault,
            Integer survivalUnknown,
            String journal) {}
}
