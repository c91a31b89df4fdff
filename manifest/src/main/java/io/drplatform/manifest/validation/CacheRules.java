package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.CacheSpec;
import io.drplatform.manifest.model.Deployment;
import java.util.regex.Pattern;

/** The {@code cache} section: an ElastiCache node type, a replica count and a pinned Redis version. */
final class CacheRules extends SectionRules {
    private static final Pattern CACHE_CLASS = Pattern.compile("cache\\.[a-z][a-z0-9-]*\\.[a-z0-9]+");

    CacheRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        CacheSpec cache = d.cache();
        if (cache == null) {
            return;
        }
        if (cache.nodeType() == null || !CACHE_CLASS.matcher(cache.nodeType()).matches()) {
            report.problem(
                    "/cache/nodeType",
                    "`" + cache.nodeType() + "` is not an ElastiCache node type",
                    "node types look like cache.t4g.micro or cache.r6g.large");
        }
        if (cache.replicas() == null || cache.replicas() < 0 || cache.replicas() > 5) {
            report.problem("/cache/replicas", "must be 0 to 5, found " + cache.replicas(), null);
        }
        if (cache.engineVersion() == null
                || !Formats.ENGINE_VERSION.matcher(cache.engineVersion()).matches()) {
            report.problem("/cache/engineVersion", "must be a Redis major.minor version such as \"7.1\"", null);
        }
    }
}
