package io.drplatform.manifest.validation;

/**
 * What the rules of every section share: the report, and checks several sections make. A section's rules may read the
 * rest of the deployment (a service that connects to the database needs a {@code database} section).
 */
abstract class SectionRules {
    protected final ProblemReport report;

    SectionRules(ProblemReport report) {
        this.report = report;
    }

    void require(Object value, String pointer, String suggestion) {
        if (value == null) {
            report.problem(pointer, "is required", suggestion);
        }
    }

    void requireBoolean(Boolean value, String pointer) {
        if (value == null) {
            report.problem(pointer, "is required (true or false)", null);
        }
    }

    void path(String value, String pointer) {
        if (value == null || !value.startsWith("/")) {
            report.problem(pointer, "must be an HTTP path starting with /, found `" + value + "`", null);
        }
    }

    boolean nonNegative(Integer value, String pointer) {
        if (value == null || value < 0) {
            report.problem(pointer, "must be zero or more, found " + value, null);
            return false;
        }
        return true;
    }

    void positive(Integer value, String pointer) {
        if (value == null || value <= 0) {
            report.problem(pointer, "must be greater than zero, found " + value, null);
        }
    }

    void percent(Integer value, String pointer) {
        if (value != null && (value < 1 || value > 100)) {
            report.problem(pointer, "must be a percentage 1-100, found " + value, null);
        }
    }

    void knownRegion(String region, String pointer) {
        if (!AwsFacts.REGIONS.contains(region)) {
            report.problem(
                    pointer,
                    "`" + region + "` is not an AWS region the platform knows",
                    Suggestions.hint(region, AwsFacts.REGIONS).orElse(null));
        }
    }
}
