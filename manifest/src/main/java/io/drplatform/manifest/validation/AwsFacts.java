package io.drplatform.manifest.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Facts about AWS that manifest validation checks against, kept together so they are easy to update. */
public final class AwsFacts {
    private AwsFacts() {}

    /** Commercial regions the platform deploys to. */
    public static final Set<String> REGIONS = new TreeSet<>(List.of(
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
            "ca-central-1",
            "ca-west-1",
            "sa-east-1",
            "mx-central-1",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-7",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-east-1",
            "me-south-1",
            "me-central-1",
            "il-central-1",
            "af-south-1"));

    /** Fargate task sizes: CPU units to the memory sizes (MiB) allowed with them. */
    public static final Map<Integer, List<Integer>> FARGATE_MEMORY_BY_CPU = Map.of(
            256, List.of(512, 1024, 2048),
            512, range(1024, 4096, 1024),
            1024, range(2048, 8192, 1024),
            2048, range(4096, 16384, 1024),
            4096, range(8192, 30720, 1024),
            8192, range(16384, 61440, 4096),
            16384, range(32768, 122880, 8192));

    /** Retention periods CloudWatch Logs accepts, in days. */
    public static final Set<Integer> LOG_RETENTION_DAYS = new TreeSet<>(List.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653));

    /** RDS enhanced monitoring intervals in seconds (0 switches it off). */
    public static final Set<Integer> MONITORING_INTERVALS = new TreeSet<>(List.of(0, 1, 5, 10, 15, 30, 60));

    /** PostgreSQL major versions RDS offers that the platform supports. */
    public static final Set<String> POSTGRES_MAJOR_VERSIONS = new TreeSet<>(List.of("14", "15", "16", "17"));

    /** S3 storage classes a lifecycle rule can move objects to. */
    public static final Set<String> STORAGE_CLASSES = new TreeSet<>(
            List.of("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"));

    /** Storage classes S3 moves objects to only after a minimum age, in days. */
    public static final Map<String, Integer> MINIMUM_TRANSITION_DAYS = Map.of("STANDARD_IA", 30, "ONEZONE_IA", 30);

    /** AWS managed WAF rule groups the platform supports. */
    public static final Set<String> MANAGED_RULE_GROUPS = new TreeSet<>(List.of(
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet",
            "AWSManagedRulesSQLiRuleSet",
            "AWSManagedRulesAmazonIpReputationList",
            "AWSManagedRulesAnonymousIpList",
            "AWSManagedRulesLinuxRuleSet",
            "AWSManagedRulesUnixRuleSet",
            "AWSManagedRulesAdminProtectionRuleSet",
            "AWSManagedRulesPHPRuleSet",
            "AWSManagedRulesWordPressRuleSet",
            "AWSManagedRulesWindowsRuleSet"));

    /** CloudFront price classes. */
    public static final Set<String> PRICE_CLASSES =
            new TreeSet<>(List.of("PriceClass_100", "PriceClass_200", "PriceClass_All"));

    private static List<Integer> range(int from, int to, int step) {
        List<Integer> values = new ArrayList<>();
        for (int v = from; v <= to; v += step) {
            values.add(v);
        }
        return List.copyOf(values);
    }
}
