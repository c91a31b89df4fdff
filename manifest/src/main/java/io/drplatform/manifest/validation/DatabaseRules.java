package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.DatabaseSpec;
import io.drplatform.manifest.model.Deployment;
import java.util.regex.Pattern;

/** The {@code database} section: a supported, pinned PostgreSQL on an RDS instance with values RDS accepts. */
final class DatabaseRules extends SectionRules {
    private static final Pattern DB_CLASS = Pattern.compile("db\\.[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern DB_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,62}");

    DatabaseRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        DatabaseSpec db = d.database();
        if (db == null) {
            return;
        }
        if (db.engineVersion() == null
                || !Formats.ENGINE_VERSION.matcher(db.engineVersion()).matches()) {
            report.problem(
                    "/database/engineVersion",
                    "must be a PostgreSQL major.minor version such as \"16.4\", found `" + db.engineVersion() + "`",
                    "pin the minor version: bare majors are deprecated by CloudFormation linters and drift between deployments");
        } else if (!AwsFacts.POSTGRES_MAJOR_VERSIONS.contains(db.majorVersion())) {
            report.problem(
                    "/database/engineVersion",
                    "PostgreSQL " + db.majorVersion() + " is not supported",
                    "use one of " + AwsFacts.POSTGRES_MAJOR_VERSIONS);
        }
        if (db.instanceClass() == null || !DB_CLASS.matcher(db.instanceClass()).matches()) {
            report.problem(
                    "/database/instanceClass",
                    "`" + db.instanceClass() + "` is not an RDS instance class",
                    "instance classes look like db.t4g.micro or db.r6g.large");
        }
        if (db.databaseName() != null && !DB_NAME.matcher(db.databaseName()).matches()) {
            report.problem(
                    "/database/databaseName",
                    "`" + db.databaseName() + "` is not a valid PostgreSQL database name",
                    "start with a letter; letters, digits and underscores only");
        }
        checkStorage(db);
        if (db.readReplicas() == null || db.readReplicas() < 0 || db.readReplicas() > 5) {
            report.problem("/database/readReplicas", "must be 0 to 5, found " + db.readReplicas(), null);
        }
        Integer retention = db.backupRetentionDays();
        if (retention == null || retention < 0 || retention > 35) {
            report.problem("/database/backupRetentionDays", "must be 0 to 35 days, found " + retention, null);
        } else if (retention == 0 && ((db.readReplicas() != null && db.readReplicas() > 0) || d.hasStandby())) {
            report.problem(
                    "/database/backupRetentionDays",
                    "read replicas need automated backups, but retention is 0",
                    "keep at least 1 day");
        }
        if (db.monitoringIntervalSeconds() == null
                || !AwsFacts.MONITORING_INTERVALS.contains(db.monitoringIntervalSeconds())) {
            report.problem(
                    "/database/monitoringIntervalSeconds",
                    "must be one of " + AwsFacts.MONITORING_INTERVALS + ", found " + db.monitoringIntervalSeconds(),
                    null);
        }
        requireBoolean(db.multiAz(), "/database/multiAz");
        requireBoolean(db.deletionProtection(), "/database/deletionProtection");
    }

    private void checkStorage(DatabaseSpec db) {
        Integer storage = db.allocatedStorageGiB();
        if (storage == null || storage < 20 || storage > 65536) {
            report.problem(
                    "/database/allocatedStorageGiB",
                    "must be 20 to 65536 GiB, found " + storage,
                    "gp3 starts at 20 GiB");
        } else if (db.maxAllocatedStorageGiB() == null
                || db.maxAllocatedStorageGiB() < storage
                || db.maxAllocatedStorageGiB() > 65536) {
            report.conflict(
                    "/database/maxAllocatedStorageGiB",
                    "/database/allocatedStorageGiB",
                    "must be between allocatedStorageGiB (" + storage + ") and 65536, found "
                            + db.maxAllocatedStorageGiB(),
                    "storage autoscaling grows up to this size");
        }
    }
}
