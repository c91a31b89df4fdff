package io.drplatform.manifest.model;

import java.util.List;

/**
 * A WAF web ACL: AWS managed rule groups plus a per-IP rate-based rule. Attached to CloudFront when the
 * manifest has a {@code cdn} (then the ACL is in us-east-1), otherwise to each region's load balancer.
 *
 * @param managedRuleGroups AWS managed rule group names, those the platform supports ({@code AwsFacts.MANAGED_RULE_GROUPS})
 * @param rateLimit         requests per client IP per 5 minutes before the IP is blocked
 */
public record WafSpec(List<String> managedRuleGroups, Integer rateLimit) {}
