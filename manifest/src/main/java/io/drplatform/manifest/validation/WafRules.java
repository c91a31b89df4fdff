package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.WafSpec;
import java.util.List;

/** The {@code waf} section: managed rule groups the platform supports and a rate limit WAF accepts. */
final class WafRules extends SectionRules {

    WafRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        WafSpec waf = d.waf();
        if (waf == null) {
            return;
        }
        List<String> groups = waf.managedRuleGroups() == null ? List.of() : waf.managedRuleGroups();
        for (int i = 0; i < groups.size(); i++) {
            if (!AwsFacts.MANAGED_RULE_GROUPS.contains(groups.get(i))) {
                report.problem(
                        "/waf/managedRuleGroups/" + i,
                        "`" + groups.get(i) + "` is not an AWS managed rule group the platform supports",
                        Suggestions.hint(groups.get(i), AwsFacts.MANAGED_RULE_GROUPS)
                                .orElse("use one of " + AwsFacts.MANAGED_RULE_GROUPS));
            }
        }
        if (groups.isEmpty() && waf.rateLimit() == null) {
            report.problem("/waf", "the web ACL has no rules", "add `managedRuleGroups` and/or a `rateLimit`");
        }
        if (waf.rateLimit() != null && (waf.rateLimit() < 100 || waf.rateLimit() > 2_000_000_000)) {
            report.problem(
                    "/waf/rateLimit",
                    "must be 100 to 2000000000 requests per IP per 5 minutes, found " + waf.rateLimit(),
                    null);
        }
    }
}
