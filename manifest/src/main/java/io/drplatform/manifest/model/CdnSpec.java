package io.drplatform.manifest.model;

import java.util.List;

/**
 * CloudFront in front of the application. The distribution lives in the global stack (us-east-1, where
 * CloudFront certificates and CloudFront-scope WAF web ACLs must be).
 *
 * @param domainName the viewer-facing name (in the hosted zone); the load balancer keeps {@code dns.domainName}
 *                   as the origin, so CloudFront follows the Route 53 failover record
 * @param staticSite serve a static front end from a private S3 bucket (origin access control) as the default
 * @param apiPaths   path patterns sent to the load balancer origin; with no static site everything is
 * @param priceClass a CloudFront price class ({@code AwsFacts.PRICE_CLASSES})
 */
public record CdnSpec(String domainName, Boolean staticSite, List<String> apiPaths, String priceClass) {}
