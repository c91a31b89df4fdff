package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Autoscaling;
import io.drplatform.manifest.model.ServiceSpec;
import java.util.List;
import java.util.TreeSet;

/** A service's size: a Fargate CPU and memory pair, task counts that fit together, and autoscaling goals. */
final class ServiceSizeRules extends SectionRules {

    ServiceSizeRules(ProblemReport report) {
        super(report);
    }

    void check(ServiceSpec s, String at) {
        checkFargateSize(s, at);
        checkCounts(s, at);
    }

    private void checkFargateSize(ServiceSpec s, String at) {
        List<Integer> memories = s.cpu() == null ? null : AwsFacts.FARGATE_MEMORY_BY_CPU.get(s.cpu());
        if (memories == null) {
            report.problem(
                    at + "/cpu",
                    "`" + s.cpu() + "` is not a Fargate CPU size",
                    "use one of " + new TreeSet<>(AwsFacts.FARGATE_MEMORY_BY_CPU.keySet()) + " (1024 = 1 vCPU)");
        } else if (s.memory() == null || !memories.contains(s.memory())) {
            report.problem(
                    at + "/memory",
                    "Fargate cannot run " + s.memory() + " MiB with " + s.cpu() + " CPU units",
                    "with cpu " + s.cpu() + " use memory " + memories.get(0) + " to "
                            + memories.get(memories.size() - 1) + " (one of " + memories + ")");
        }
    }

    private void checkCounts(ServiceSpec s, String at) {
        boolean ok = nonNegative(s.minCount(), at + "/minCount")
                & nonNegative(s.maxCount(), at + "/maxCount")
                & nonNegative(s.desiredCount(), at + "/desiredCount");
        if (!ok) {
            return;
        }
        if (s.maxCount() < 1) {
            report.problem(at + "/maxCount", "must be at least 1", null);
        }
        if (s.minCount() > s.maxCount()) {
            report.conflict(
                    at + "/minCount",
                    at + "/maxCount",
                    "minCount " + s.minCount() + " is greater than maxCount " + s.maxCount(),
                    "raise maxCount or lower minCount");
        } else if (s.desiredCount() < s.minCount() || s.desiredCount() > s.maxCount()) {
            report.conflict(
                    at + "/desiredCount",
                    at + "/maxCount",
                    "desiredCount " + s.desiredCount() + " is outside minCount..maxCount (" + s.minCount() + ".."
                            + s.maxCount() + ")",
                    null);
        }
        Autoscaling a = s.autoscaling();
        if (a != null) {
            percent(a.cpuPercent(), at + "/autoscaling/cpuPercent");
            percent(a.memoryPercent(), at + "/autoscaling/memoryPercent");
            if (a.requestsPerTarget() != null && a.requestsPerTarget() < 1) {
                report.problem(at + "/autoscaling/requestsPerTarget", "must be at least 1 request per target", null);
            }
        }
    }
}
