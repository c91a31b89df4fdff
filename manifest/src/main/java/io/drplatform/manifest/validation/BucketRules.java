package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.BucketSpec;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.LifecycleTransition;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code buckets} section: short unique names that fit S3's limit in every environment and region, replication
 * only with a standby, and lifecycle rules S3 accepts.
 */
final class BucketRules extends SectionRules {
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,18}[a-z0-9]");
    private static final int MAX_BUCKET_NAME = 63;

    BucketRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        Set<String> names = new HashSet<>();
        List<BucketSpec> buckets = d.buckets();
        for (int i = 0; i < buckets.size(); i++) {
            BucketSpec b = buckets.get(i);
            String at = "/buckets/" + i;
            if (b.name() == null || !BUCKET_NAME.matcher(b.name()).matches()) {
                report.problem(
                        at + "/name",
                        "every bucket needs a short name of 2-20 lower-case letters, digits and hyphens",
                        "e.g. `name: reports`; the platform adds application, environment, account and region");
                continue;
            }
            if (!names.add(b.name())) {
                report.problem(
                        at + "/name", "bucket `" + b.name() + "` is declared twice", "bucket names must be unique");
            }
            checkNameLength(d, b, at);
            if (Boolean.TRUE.equals(b.replicate()) && !d.hasStandby()) {
                report.problem(
                        at + "/replicate",
                        "replication copies objects to the standby region, but this deployment has none",
                        "set `regions.standby` and a `dr.strategy`, or remove `replicate`");
            }
            if (Boolean.FALSE.equals(b.versioned()) && b.replicatesIn(d)) {
                report.conflict(
                        at + "/versioned",
                        "/dr/strategy",
                        "S3 replication needs versioning, but `versioned` is false",
                        "remove `versioned: false`, or set `replicate: false`");
            }
            int lastTransition = checkTransitions(b, at);
            if (b.expirationDays() != null && (b.expirationDays() < 1 || b.expirationDays() <= lastTransition)) {
                report.problem(
                        at + "/expirationDays",
                        "must be at least 1 and after the last transition (day " + lastTransition + "), found "
                                + b.expirationDays(),
                        null);
            }
        }
    }

    /** Checked for the longest environment name, so a name that fits today keeps fitting everywhere. */
    private void checkNameLength(Deployment d, BucketSpec b, String at) {
        if (d.name() == null
                || d.account() == null
                || d.regions() == null
                || d.regions().primary() == null) {
            return;
        }
        String longestEnvironment = EnvironmentName.ids().stream()
                .max(Comparator.comparingInt(String::length))
                .orElseThrow();
        String longest =
                d.name() + "-" + longestEnvironment + "-" + b.name() + "-" + d.account() + "-" + longestRegion(d);
        if (longest.length() > MAX_BUCKET_NAME) {
            report.problem(
                    at + "/name",
                    "bucket names such as `" + longest + "` would be longer than S3's 63 characters",
                    "shorten the bucket name (or the application name) by " + (longest.length() - MAX_BUCKET_NAME)
                            + " characters");
        }
    }

    /** The day of the last valid transition, 0 when there is none. */
    private int checkTransitions(BucketSpec b, String at) {
        int lastTransition = 0;
        List<LifecycleTransition> transitions = b.transitions() == null ? List.of() : b.transitions();
        for (int t = 0; t < transitions.size(); t++) {
            LifecycleTransition transition = transitions.get(t);
            String tat = at + "/transitions/" + t;
            if (transition.storageClass() == null || !AwsFacts.STORAGE_CLASSES.contains(transition.storageClass())) {
                report.problem(
                        tat + "/storageClass",
                        "`" + transition.storageClass()
                                + "` is not an S3 storage class a lifecycle rule can move objects to",
                        Suggestions.hint(String.valueOf(transition.storageClass()), AwsFacts.STORAGE_CLASSES)
                                .orElse("use one of " + AwsFacts.STORAGE_CLASSES));
            }
            if (transition.days() == null || transition.days() < 0) {
                report.problem(tat + "/days", "must be zero or more days, found " + transition.days(), null);
            } else {
                Integer minimum = transition.storageClass() == null
                        ? null
                        : AwsFacts.MINIMUM_TRANSITION_DAYS.get(transition.storageClass());
                if (minimum != null && transition.days() < minimum) {
                    report.problem(
                            tat + "/days",
                            "S3 moves objects to " + transition.storageClass() + " only after at least " + minimum
                                    + " days",
                            "use " + minimum + " or more");
                }
                lastTransition = Math.max(lastTransition, transition.days());
            }
        }
        return lastTransition;
    }

    private static String longestRegion(Deployment d) {
        String standby = d.regions().standby();
        return standby != null && standby.length() > d.regions().primary().length()
                ? standby
                : d.regions().primary();
    }
}
