package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.CdnSpec;
import io.drplatform.manifest.model.Deployment;
import java.util.List;

/**
 * The {@code cdn} section: a viewer-facing name in the hosted zone that is not the load balancer's origin name, a
 * CloudFront price class, and API paths when a static site takes the default route.
 */
final class CdnRules extends SectionRules {

    CdnRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        CdnSpec cdn = d.cdn();
        if (cdn == null) {
            return;
        }
        if (cdn.domainName() == null
                || !Formats.DOMAIN.matcher(cdn.domainName()).matches()) {
            report.problem(
                    "/cdn/domainName",
                    "the viewer-facing name is missing or not a valid DNS name, found `" + cdn.domainName() + "`",
                    "e.g. `www.example.com`, inside the hosted zone");
        } else if (d.dns() != null
                && d.dns().hostedZoneName() != null
                && !cdn.domainName().equals(d.dns().hostedZoneName())
                && !cdn.domainName().endsWith("." + d.dns().hostedZoneName())) {
            report.problem(
                    "/cdn/domainName",
                    "`" + cdn.domainName() + "` is not inside the hosted zone `"
                            + d.dns().hostedZoneName() + "`",
                    null);
        } else if (d.dns() != null && cdn.domainName().equals(d.dns().domainName())) {
            report.conflict(
                    "/cdn/domainName",
                    "/dns/domainName",
                    "the CDN name must differ from `dns.domainName`, which stays the load balancer origin",
                    "e.g. `www." + d.dns().hostedZoneName() + "` for viewers and `api."
                            + d.dns().hostedZoneName() + "` as origin");
        }
        if (cdn.priceClass() != null && !AwsFacts.PRICE_CLASSES.contains(cdn.priceClass())) {
            report.problem(
                    "/cdn/priceClass",
                    "`" + cdn.priceClass() + "` is not a CloudFront price class",
                    "use one of " + AwsFacts.PRICE_CLASSES);
        }
        List<String> paths = cdn.apiPaths() == null ? List.of() : cdn.apiPaths();
        for (int i = 0; i < paths.size(); i++) {
            if (!Formats.ROUTE.matcher(paths.get(i)).matches()) {
                report.problem(
                        "/cdn/apiPaths/" + i, "`" + paths.get(i) + "` is not a CloudFront path pattern", "e.g. /api/*");
            }
        }
        if (Boolean.TRUE.equals(cdn.staticSite()) && paths.isEmpty()) {
            report.problem(
                    "/cdn/apiPaths",
                    "with a static site as the default origin, no request would reach the services",
                    "list the API paths, e.g. `apiPaths: [/api/*]`");
        }
    }
}
