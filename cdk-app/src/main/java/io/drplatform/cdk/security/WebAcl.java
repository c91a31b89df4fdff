package io.drplatform.cdk.security;

import io.drplatform.manifest.model.WafSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A WAF web ACL from the manifest: AWS managed rule groups (in the order given) and a per-IP rate-based rule that
 * blocks a client sending more than {@code rateLimit} requests in 5 minutes. CLOUDFRONT scope must be deployed in
 * us-east-1 (the global stack); REGIONAL scope protects one region's load balancer.
 */
public class WebAcl extends Construct {
    /** Where the ACL applies. */
    public enum Scope {
        CLOUDFRONT,
        REGIONAL
    }

    private final CfnWebACL acl;

    public WebAcl(Construct scope, String id, String name, WafSpec spec, Scope aclScope) {
        super(scope, id);
        List<Object> rules = new ArrayList<>();
        int priority = 0;
        List<String> groups = spec.managedRuleGroups() == null ? List.of() : spec.managedRuleGroups();
        for (String group : groups) {
            rules.add(CfnWebACL.RuleProperty.builder()
                    .name(group)
                    .priority(priority++)
                    .overrideAction(CfnWebACL.OverrideActionProperty.builder()
                            .none(java.util.Map.of())
                            .build())
                    .statement(CfnWebACL.StatementProperty.builder()
                            .managedRuleGroupStatement(CfnWebACL.ManagedRuleGroupStatementProperty.builder()
                                    .vendorName("AWS")
                                    .name(group)
                                    .build())
                            .build())
                    .visibilityConfig(visibility(group))
                    .build());
        }
        if (spec.rateLimit() != null) {
            rules.add(CfnWebACL.RuleProperty.builder()
                    .name("per-ip-rate-limit")
                    .priority(priority)
                    .action(CfnWebACL.RuleActionProperty.builder()
                            .block(CfnWebACL.BlockActionProperty.builder().build())
                            .build())
                    .statement(CfnWebACL.StatementProperty.builder()
                            .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                    .aggregateKeyType("IP")
                                    .limit(spec.rateLimit())
                                    .build())
                            .build())
                    .visibilityConfig(visibility("per-ip-rate-limit"))
                    .build());
        }
        this.acl = CfnWebACL.Builder.create(this, "Acl")
                .name(name + "-" + aclScope.name().toLowerCase(java.util.Locale.ROOT))
                .scope(aclScope.name())
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build())
                        .build())
                .rules(rules)
                .visibilityConfig(visibility(name))
                .build();
    }

    /** Attaches a REGIONAL ACL to a load balancer. */
    public void associate(String resourceArn) {
        CfnWebACLAssociation.Builder.create(this, "Association")
                .resourceArn(resourceArn)
                .webAclArn(acl.getAttrArn())
                .build();
    }

    public String getArn() {
        return acl.getAttrArn();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .sampledRequestsEnabled(true)
                .metricName(metric.replaceAll("[^A-Za-z0-9_-]", "-"))
                .build();
    }
}
