package io.drplatform.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules a deployment must satisfy beyond its shape: ranges, formats and consistency between sections.
 * Each rule reports through {@link Report} with a JSON pointer into the deployment, never throwing, so one
 * run finds every problem.
 */
final class DeploymentRules {
    /** Receives a problem at a pointer in the merged deployment tree. */
    interface Report {
        void problem(String pointer, String message, String suggestion);

        /** Two values that contradict each other: reported at whichever one an environment override set. */
        default void conflict(String pointer, String otherPointer, String message, String suggestion) {
            problem(pointer, message, suggestion);
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,30}[a-z0-9]");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern HOSTED_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern DB_CLASS = Pattern.compile("db\\.[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern CACHE_CLASS = Pattern.compile("cache\\.[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern ENGINE_VERSION = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern DB_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,62}");
    private static final Pattern ENV_VAR = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern SECRET_LIKE =
            Pattern.compile(".*(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIAL).*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-zA-Z]{2,}");
    private static final Pattern ROUTE = Pattern.compile("/[A-Za-z0-9_\\-./*?]*");
    private static final Set<String> CONNECTABLE = Set.of("database", "cache", "auth");

    private final Report report;
    private final Path baseDirectory;

    DeploymentRules(Report report, Path baseDirectory) {
        this.report = report;
        this.baseDirectory = baseDirectory;
    }

    void check(Deployment d) {
        require(d.name(), "/name", "give the application a name, e.g. `name: tco-calculator`");
        if (d.name() != null && !NAME.matcher(d.name()).matches()) {
            report.problem(
                    "/name",
                    "`" + d.name() + "` cannot be used in resource names",
                    "use 3-32 lower-case letters, digits and hyphens, starting with a letter");
        }
        require(d.account(), "/account", "set the 12-digit AWS account id, quoted");
        if (d.account() != null && !ACCOUNT.matcher(d.account()).matches()) {
            report.problem("/account", "`" + d.account() + "` is not a 12-digit AWS account id", null);
        }
        checkRegions(d);
        checkDns(d);
        checkNetwork(d);
        checkServices(d);
        d.databaseSpec().ifPresent(db -> checkDatabase(d, db));
        d.cacheSpec().ifPresent(this::checkCache);
        checkAlarms(d.alarms());
        if (d.observability() != null
                && d.observability().logRetentionDays() != null
                && !AwsFacts.LOG_RETENTION_DAYS.contains(d.observability().logRetentionDays())) {
            report.problem(
                    "/observability/logRetentionDays",
                    d.observability().logRetentionDays() + " days is not a retention CloudWatch Logs accepts",
                    "use one of " + AwsFacts.LOG_RETENTION_DAYS);
        }
        checkDisasterRecovery(d);
        checkBuckets(d);
        d.cdnSpec().ifPresent(cdn -> checkCdn(d, cdn));
        d.wafSpec().ifPresent(this::checkWaf);
        new AuthRules(report).check(d);
    }

    private void checkRegions(Deployment d) {
        if (d.regions() == null || d.regions().primary() == null) {
            report.problem("/regions/primary", "the primary region is missing", "e.g. `regions: {primary: us-east-1}`");
            return;
        }
        knownRegion(d.regions().primary(), "/regions/primary");
        if (d.regions().standby() != null) {
            knownRegion(d.regions().standby(), "/regions/standby");
            if (d.regions().standby().equals(d.regions().primary())) {
                report.problem(
                        "/regions/standby",
                        "the standby region is the primary region ("
                                + d.regions().primary() + "); a regional outage would take both",
                        "choose a different region, e.g. us-west-2");
            }
        }
    }

    private void knownRegion(String region, String pointer) {
        if (!AwsFacts.REGIONS.contains(region)) {
            report.problem(
                    pointer,
                    "`" + region + "` is not an AWS region the platform knows",
                    Suggestions.closest(region, AwsFacts.REGIONS)
                            .map(s -> "did you mean `" + s + "`?")
                            .orElse(null));
        }
    }

    private void checkDns(Deployment d) {
        Dns dns = d.dns();
        if (dns == null) {
            report.problem(
                    "/dns",
                    "the dns section is missing",
                    "set hostedZoneName, hostedZoneId and domainName; synthesis never looks zones up");
            return;
        }
        require(dns.hostedZoneName(), "/dns/hostedZoneName", null);
        require(
                dns.hostedZoneId(),
                "/dns/hostedZoneId",
                "the id from the Route 53 console, e.g. Z0123456789ABCDEFGHIJ");
        require(dns.domainName(), "/dns/domainName", null);
        if (dns.hostedZoneId() != null
                && !HOSTED_ZONE_ID.matcher(dns.hostedZoneId()).matches()) {
            report.problem(
                    "/dns/hostedZoneId",
                    "`" + dns.hostedZoneId() + "` is not a Route 53 hosted zone id",
                    "ids start with Z followed by capital letters and digits");
        }
        for (String[] field :
                new String[][] {{dns.hostedZoneName(), "hostedZoneName"}, {dns.domainName(), "domainName"}}) {
            if (field[0] != null && !DOMAIN.matcher(field[0]).matches()) {
                report.problem(
                        "/dns/" + field[1],
                        "`" + field[0] + "` is not a valid DNS name",
                        "lower-case labels separated by dots, without a trailing dot");
            }
        }
        if (dns.hostedZoneName() != null
                && dns.domainName() != null
                && !dns.domainName().equals(dns.hostedZoneName())
                && !dns.domainName().endsWith("." + dns.hostedZoneName())) {
            report.problem(
                    "/dns/domainName",
                    "`" + dns.domainName() + "` is not inside the hosted zone `" + dns.hostedZoneName() + "`",
                    "use a name ending in ." + dns.hostedZoneName());
        }
    }

    private void checkNetwork(Deployment d) {
        Network n = d.network();
        Cidr primary = cidr(n.cidr(), "/network/cidr");
        Cidr standby = d.regions() != null && d.regions().standby() != null
                ? cidr(n.standbyCidr(), "/network/standbyCidr")
                : null;
        if (primary != null && standby != null && primary.overlaps(standby)) {
            report.problem(
                    "/network/standbyCidr",
                    "overlaps the primary VPC range " + n.cidr(),
                    "use a separate range (e.g. 10.1.0.0/16) so the regions can be peered and replicated without clashes");
        }
        if (n.maxAzs() == null || n.maxAzs() < 2 || n.maxAzs() > 3) {
            report.problem(
                    "/network/maxAzs",
                    "must be 2 or 3, found " + n.maxAzs(),
                    "the load balancer and the database subnet group need at least two availability zones");
        } else if (n.natGateways() == null || n.natGateways() < 1 || n.natGateways() > n.maxAzs()) {
            report.problem(
                    "/network/natGateways",
                    "must be between 1 and maxAzs (" + n.maxAzs() + "), found " + n.natGateways(),
                    "1 saves cost; one per availability zone survives the loss of a zone");
        }
        if (n.availabilityZones() != null) {
            n.availabilityZones().forEach((region, zones) -> {
                String pointer = "/network/availabilityZones/" + ShapeCheck.escape(region);
                knownRegion(region, pointer);
                for (int i = 0; i < zones.size(); i++) {
                    if (!zones.get(i).matches(Pattern.quote(region) + "[a-z]")) {
                        report.problem(
                                pointer + "/" + i,
                                "`" + zones.get(i) + "` is not an availability zone of " + region,
                                "zones are named " + region + "a, " + region + "b, ...");
                    }
                }
                if (n.maxAzs() != null && zones.size() < n.maxAzs()) {
                    report.problem(
                            pointer, "lists " + zones.size() + " zones but the network spans " + n.maxAzs(), null);
                }
            });
        }
    }

    private Cidr cidr(String text, String pointer) {
        if (text == null) {
            report.problem(pointer, "the VPC range is missing", "e.g. 10.0.0.0/16");
            return null;
        }
        try {
            Cidr cidr = Cidr.parse(text);
            if (cidr.prefix() < 16 || cidr.prefix() > 24) {
                report.problem(
                        pointer,
                        "`" + text + "` has a /" + cidr.prefix() + " prefix; a VPC range must be /16 to /24",
                        "use /16 to leave room for three subnet tiers in three zones");
                return null;
            }
            return cidr;
        } catch (IllegalArgumentException e) {
            report.problem(pointer, "`" + text + "` is not a valid IPv4 CIDR: " + e.getMessage(), "e.g. 10.0.0.0/16");
            return null;
        }
    }

    private void checkServices(Deployment d) {
        List<ServiceSpec> services = d.services();
        if (services == null || services.isEmpty()) {
            report.problem("/services", "the application has no services", "add at least one entry under `services`");
            return;
        }
        Set<String> names = new HashSet<>();
        Map<String, String> routeOwners = new HashMap<>();
        int defaultServices = 0;
        for (int i = 0; i < services.size(); i++) {
            ServiceSpec s = services.get(i);
            String at = "/services/" + i;
            if (s.name() == null || !NAME.matcher(s.name()).matches()) {
                report.problem(
                        at + "/name",
                        "every service needs a name of 3-32 lower-case letters, digits and hyphens",
                        null);
            } else if (!names.add(s.name())) {
                report.problem(
                        at + "/name", "service `" + s.name() + "` is declared twice", "service names must be unique");
            }
            checkImage(s, at);
            if (s.containerPort() == null || s.containerPort() < 1 || s.containerPort() > 65535) {
                report.problem(at + "/containerPort", "must be a TCP port 1-65535, found " + s.containerPort(), null);
            }
            path(s.healthCheckPath(), at + "/healthCheckPath");
            path(s.deepHealthCheckPath(), at + "/deepHealthCheckPath");
            checkFargateSize(s, at);
            checkCounts(s, at);
            if (s.routes() == null || s.routes().isEmpty()) {
                defaultServices++;
            } else {
                for (int r = 0; r < s.routes().size(); r++) {
                    String route = s.routes().get(r);
                    if (!ROUTE.matcher(route).matches() || route.length() > 128) {
                        report.problem(
                                at + "/routes/" + r,
                                "`" + route + "` is not a load balancer path pattern",
                                "start with / and use letters, digits, - _ . / and the wildcards * ?");
                    } else if (routeOwners.putIfAbsent(route, s.name()) != null) {
                        report.problem(
                                at + "/routes/" + r,
                                "path `" + route + "` is already routed to service `" + routeOwners.get(route) + "`",
                                "each path pattern goes to one service");
                    }
                }
            }
            checkVariables(d, s, at);
        }
        if (defaultServices > 1) {
            report.problem(
                    "/services",
                    defaultServices + " services have no routes; only one can take the load balancer's default route",
                    "give every service but one a `routes` list");
        }
    }

    private void checkImage(ServiceSpec s, String at) {
        ContainerImage image = s.image();
        if (image == null || (image.directory() == null) == (image.registry() == null)) {
            report.problem(
                    at + "/image",
                    "set exactly one of `directory` (a build context with a Dockerfile) or `registry` (an image reference)",
                    "e.g. `image: {directory: ../service}` or `image: {registry: public.ecr.aws/nginx/nginx:1.27}`");
            return;
        }
        if (image.directory() != null) {
            Path dir = baseDirectory.resolve(image.directory()).normalize();
            if (!Files.isRegularFile(dir.resolve(image.dockerfileOrDefault()))) {
                report.problem(
                        at + "/image/" + (image.dockerfile() == null ? "directory" : "dockerfile"),
                        "no " + image.dockerfileOrDefault() + " in " + dir,
                        "`directory` is relative to the manifest file, `dockerfile` to `directory`");
            }
        } else if (!image.registry()
                .matches("[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[a-f0-9]{64})")) {
            report.problem(
                    at + "/image/registry",
                    "`" + image.registry() + "` is not a pinned image reference",
                    "use registry/repository:tag or @sha256:digest; `latest` is not reproducible");
        } else if (image.registry().endsWith(":latest")) {
            report.problem(
                    at + "/image/registry",
                    "`:latest` is not reproducible and cannot be rolled back",
                    "pin a version tag or a digest");
        }
    }

    private void checkFargateSize(ServiceSpec s, String at) {
        List<Integer> memories = s.cpu() == null ? null : AwsFacts.FARGATE_MEMORY_BY_CPU.get(s.cpu());
        if (memories == null) {
            report.problem(
                    at + "/cpu",
                    "`" + s.cpu() + "` is not a Fargate CPU size",
                    "use one of " + new java.util.TreeSet<>(AwsFacts.FARGATE_MEMORY_BY_CPU.keySet())
                            + " (1024 = 1 vCPU)");
        } else if (s.memory() == null || !memories.contains(s.memory())) {
            report.problem(
                    at + "/memory",
                    "Fargate cannot run " + s.memory() + " MiB with " + s.cpu() + " CPU units",
                    "with cpu " + s.cpu() + " use memory " + memories.get(0) + " to "
                            + memories.get(memories.size() - 1) + " (one of " + memories + ")");
        }
    }

    private void checkCounts(ServiceSpec s, String at) {
        boolean ok = nonNegative(s.minCount(), at + "/minCount")
                & nonNegative(s.maxCount(), at + "/maxCount")
                & nonNegative(s.desiredCount(), at + "/desiredCount");
        if (!ok) {
            return;
        }
        if (s.maxCount() < 1) {
            report.problem(at + "/maxCount", "must be at least 1", null);
        }
        if (s.minCount() > s.maxCount()) {
            report.conflict(
                    at + "/minCount",
                    at + "/maxCount",
                    "minCount " + s.minCount() + " is greater than maxCount " + s.maxCount(),
                    "raise maxCount or lower minCount");
        } else if (s.desiredCount() < s.minCount() || s.desiredCount() > s.maxCount()) {
            report.conflict(
                    at + "/desiredCount",
                    at + "/maxCount",
                    "desiredCount " + s.desiredCount() + " is outside minCount..maxCount (" + s.minCount() + ".."
                            + s.maxCount() + ")",
                    null);
        }
        Autoscaling a = s.autoscaling();
        if (a != null) {
            percent(a.cpuPercent(), at + "/autoscaling/cpuPercent");
            percent(a.memoryPercent(), at + "/autoscaling/memoryPercent");
            if (a.requestsPerTarget() != null && a.requestsPerTarget() < 1) {
                report.problem(at + "/autoscaling/requestsPerTarget", "must be at least 1 request per target", null);
            }
        }
    }

    private void checkVariables(Deployment d, ServiceSpec s, String at) {
        Set<String> declared = new HashSet<>();
        if (s.environment() != null) {
            s.environment().forEach((name, value) -> {
                String pointer = at + "/environment/" + ShapeCheck.escape(name);
                variableName(name, pointer);
                declared.add(name);
                if (SECRET_LIKE.matcher(name).matches()) {
                    report.problem(
                            pointer,
                            "`" + name
                                    + "` looks like a secret, and plain environment values are stored in clear text in the task definition",
                            "move it to `secrets: {" + name + ": {name: <Secrets Manager secret name>}}`");
                }
            });
        }
        if (s.secrets() != null) {
            s.secrets().forEach((name, ref) -> {
                String pointer = at + "/secrets/" + ShapeCheck.escape(name);
                variableName(name, pointer);
                if (!declared.add(name)) {
                    report.problem(
                            pointer,
                            "`" + name + "` is set both as a plain variable and as a secret",
                            "keep only the secret");
                }
                if (ref == null
                        || ref.name() == null
                        || !SECRET_NAME.matcher(ref.name()).matches()) {
                    report.problem(
                            pointer + "/name",
                            "needs the name of a Secrets Manager secret",
                            "e.g. `{name: tco/jwt-signing-key}`");
                }
            });
        }
        if (s.migrations() != null) {
            List<String> command = s.migrations().command();
            if (command == null || command.isEmpty() || command.stream().anyMatch(c -> c == null || c.isBlank())) {
                report.problem(
                        at + "/migrations/command",
                        "needs the container command that migrates the schema",
                        "e.g. `migrations: {command: [migrate]}`");
            }
            if (!s.connectsTo("database")) {
                report.problem(
                        at + "/migrations",
                        "a migration needs the database, but the service does not connect to it",
                        "add `database` to `connectsTo`");
            }
        }
        if (s.connectsTo() != null) {
            for (int i = 0; i < s.connectsTo().size(); i++) {
                String target = s.connectsTo().get(i);
                String pointer = at + "/connectsTo/" + i;
                if (!CONNECTABLE.contains(target)) {
                    report.problem(
                            pointer,
                            "`" + target + "` is not something a service can connect to",
                            Suggestions.closest(target, CONNECTABLE)
                                    .map(x -> "did you mean `" + x + "`?")
                                    .orElse("use database, cache or auth"));
                } else if (("database".equals(target) && d.database() == null)
                        || ("cache".equals(target) && d.cache() == null)
                        || ("auth".equals(target) && d.auth() == null)) {
                    report.problem(
                            pointer,
                            "the service connects to the " + target + " but the manifest has no `" + target
                                    + "` section",
                            null);
                }
            }
            if (!s.connectsTo().isEmpty()) {
                for (String name : declared) {
                    if (ContainerVariables.ALL.contains(name)) {
                        report.problem(
                                at,
                                "`" + name
                                        + "` is set by the platform for services that connect to a database, cache or identity provider",
                                "remove it from environment/secrets");
                    }
                }
            }
        }
    }

    private void checkDatabase(Deployment d, DatabaseSpec db) {
        if (db.engineVersion() == null
                || !ENGINE_VERSION.matcher(db.engineVersion()).matches()) {
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

    private void checkCache(CacheSpec cache) {
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
                || !ENGINE_VERSION.matcher(cache.engineVersion()).matches()) {
            report.problem("/cache/engineVersion", "must be a Redis major.minor version such as \"7.1\"", null);
        }
    }

    private void checkAlarms(AlarmTargets alarms) {
        if (alarms == null) {
            report.problem("/alarms", "nobody is told about alarms", "add `alarms: {email: [oncall@example.com]}`");
            return;
        }
        List<String> email = alarms.email() == null ? List.of() : alarms.email();
        List<String> https = alarms.https() == null ? List.of() : alarms.https();
        if (email.isEmpty() && https.isEmpty()) {
            report.problem("/alarms", "nobody is told about alarms", "add an e-mail address or an HTTPS endpoint");
        }
        for (int i = 0; i < email.size(); i++) {
            if (!EMAIL.matcher(email.get(i)).matches()) {
                report.problem("/alarms/email/" + i, "`" + email.get(i) + "` is not an e-mail address", null);
            }
        }
        for (int i = 0; i < https.size(); i++) {
            if (!https.get(i).matches("https://[^\\s/]+(/\\S*)?")) {
                report.problem(
                        "/alarms/https/" + i,
                        "`" + https.get(i) + "` is not an HTTPS URL",
                        "alarm endpoints must use https:// so notifications are encrypted in transit");
            }
        }
        if (alarms.overrides() != null) {
            alarms.overrides().forEach((anchor, override) -> {
                String at = "/alarms/overrides/" + ShapeCheck.escape(anchor);
                java.util.Optional<AlarmKind> kind = alarmKind(at, anchor, "overrides are keyed by");
                if (kind.isPresent() && override != null) {
                    checkAlarmOverride(kind.get(), override, at);
                }
            });
        }
    }

    /** The alarm kind an anchor names, or a problem listing the known anchors, closest first. */
    private java.util.Optional<AlarmKind> alarmKind(String at, String anchor, String namedBy) {
        java.util.Optional<AlarmKind> kind = AlarmKind.fromAnchor(anchor);
        if (kind.isEmpty()) {
            report.problem(
                    at,
                    "unknown alarm `" + anchor + "`; " + namedBy
                            + " the alarm's section in ops-runbooks/alarm-guide.md",
                    "known alarms, closest first: "
                            + String.join(", ", Suggestions.byDistance(anchor, AlarmKind.anchors())));
        }
        return kind;
    }

    private void checkAlarmOverride(AlarmKind kind, AlarmOverride override, String at) {
        Double threshold = override.threshold();
        if (threshold != null) {
            if (kind.unit() == AlarmKind.Unit.STATE) {
                report.problem(
                        at + "/threshold",
                        "`" + kind + "` alarms on a 0/1 state; its threshold cannot be tuned",
                        "tune evaluationPeriods and datapointsToAlarm instead");
            } else if (!Double.isFinite(threshold) || threshold < 0) {
                report.problem(
                        at + "/threshold",
                        "must be zero or more (" + kind.unit().label() + "), found " + threshold,
                        null);
            } else if (kind.unit() == AlarmKind.Unit.PERCENT && threshold > 100) {
                report.problem(
                        at + "/threshold",
                        "`" + kind + "` is a percentage; must be 0 to 100, found " + threshold,
                        null);
            }
        }
        boolean periodsValid = true;
        if (override.evaluationPeriods() != null && override.evaluationPeriods() < 1) {
            report.problem(
                    at + "/evaluationPeriods",
                    "must be at least 1 period, found " + override.evaluationPeriods(),
                    null);
            periodsValid = false;
        }
        if (override.datapointsToAlarm() != null && override.datapointsToAlarm() < 1) {
            report.problem(
                    at + "/datapointsToAlarm",
                    "must be at least 1 datapoint, found " + override.datapointsToAlarm(),
                    null);
            periodsValid = false;
        }
        if (periodsValid) {
            Integer periods = override.evaluationPeriods();
            Integer datapoints = override.datapointsToAlarm();
            if (periods != null && datapoints != null && datapoints > periods) {
                report.conflict(
                        at + "/datapointsToAlarm",
                        at + "/evaluationPeriods",
                        "datapointsToAlarm " + datapoints + " is more than evaluationPeriods " + periods,
                        "at most " + periods + " of " + periods + " periods can breach");
            } else if (periods != null && datapoints == null && kind.datapointsToAlarm() > periods) {
                report.problem(
                        at + "/evaluationPeriods",
                        "evaluationPeriods " + periods + " is fewer than the platform's datapointsToAlarm ("
                                + kind.datapointsToAlarm() + ") for `" + kind + "`",
                        "set datapointsToAlarm too, at most " + periods);
            } else if (periods == null && datapoints != null && datapoints > kind.evaluationPeriods()) {
                report.problem(
                        at + "/datapointsToAlarm",
                        "datapointsToAlarm " + datapoints + " is more than the platform's evaluationPeriods ("
                                + kind.evaluationPeriods() + ") for `" + kind + "`",
                        "raise evaluationPeriods too, or lower datapointsToAlarm");
            }
        }
        if (override.reason() != null && override.reason().isBlank()) {
            report.problem(at + "/reason", "is empty", "say why the alarm is tuned or switched off");
        } else if (override.switchedOff() && override.reason() == null) {
            // Allowed in every environment, production included (an alarm that pages for a known, accepted condition
            // trains people to ignore pages), but never silently: the reason is what the review reads.
            report.problem(
                    at + "/enabled",
                    "switching `" + kind + "` off needs a `reason`",
                    "add `reason: ...` next to `enabled: false`; the alarm is not created and no drill stops on it");
        }
    }

    private void checkDisasterRecovery(Deployment d) {
        DisasterRecovery dr = d.dr();
        if (dr == null) {
            return;
        }
        positive(dr.rpoSeconds(), "/dr/rpoSeconds");
        positive(dr.rtoSeconds(), "/dr/rtoSeconds");
        boolean standby = d.regions() != null && d.regions().standby() != null;
        if (dr.strategy() != null && dr.strategy() != DrStrategy.NONE && !standby) {
            report.problem("/dr/strategy", "`" + dr.strategy() + "` needs a standby region", "set `regions.standby`");
        }
        if (dr.activeRegion() != null
                && d.regions() != null
                && !dr.activeRegion().equals(d.regions().primary())
                && !dr.activeRegion().equals(d.regions().standby())) {
            report.problem(
                    "/dr/activeRegion",
                    "`" + dr.activeRegion() + "` is neither the primary nor the standby region",
                    "after a failover set it to the standby region ("
                            + d.regions().standby() + ")");
        }
        if (Boolean.TRUE.equals(dr.routingControl()) && !d.hasStandby()) {
            report.problem(
                    "/dr/routingControl", "routing controls switch between two regions; there is no standby", null);
        }
        if (dr.stopConditions() != null) {
            if (dr.stopConditions().isEmpty()) {
                report.problem(
                        "/dr/stopConditions",
                        "an empty list means no alarm can stop a drill",
                        "name the alarms that should, e.g. [alb-5xx-rate, target-p99-latency, dr-replica-lag], or leave it out for all of them");
            }
            for (int i = 0; i < dr.stopConditions().size(); i++) {
                alarmKind("/dr/stopConditions/" + i, dr.stopConditions().get(i), "stop conditions name");
            }
        }
        if (dr.replicaGeneration() != null && (dr.replicaGeneration() < 1 || dr.replicaGeneration() > 99)) {
            report.problem(
                    "/dr/replicaGeneration",
                    "must be 1 to 99, found " + dr.replicaGeneration(),
                    "raise it by one to rebuild the old primary region's replica under a new identifier");
        }
        if (d.hasStandby()
                && d.dns() != null
                && d.dns().domainName() != null
                && (d.dns().domainName().length() + d.regions().standby().length() + 1 > 253)) {
            report.problem("/dns/domainName", "too long to prefix with a region name for the regional records", null);
        }
    }

    static final Set<String> STORAGE_CLASSES =
            Set.of("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE");
    static final Set<String> MANAGED_RULE_GROUPS = Set.of(
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
            "AWSManagedRulesWindowsRuleSet");
    static final Set<String> PRICE_CLASSES = Set.of("PriceClass_100", "PriceClass_200", "PriceClass_All");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,18}[a-z0-9]");

    private void checkBuckets(Deployment d) {
        Set<String> names = new HashSet<>();
        List<BucketSpec> buckets = d.bucketList();
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
            if (d.name() != null
                    && d.account() != null
                    && d.regions() != null
                    && d.regions().primary() != null) {
                // Checked for the longest environment name, so a name that fits today keeps fitting everywhere.
                String longestEnvironment = java.util.Arrays.stream(EnvironmentName.values())
                        .map(EnvironmentName::id)
                        .max(java.util.Comparator.comparingInt(String::length))
                        .orElseThrow();
                String longest = d.name() + "-" + longestEnvironment + "-" + b.name() + "-" + d.account() + "-"
                        + longestRegion(d);
                if (longest.length() > 63) {
                    report.problem(
                            at + "/name",
                            "bucket names such as `" + longest + "` would be longer than S3's 63 characters",
                            "shorten the bucket name (or the application name) by " + (longest.length() - 63)
                                    + " characters");
                }
            }
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
            int lastTransition = 0;
            List<LifecycleTransition> transitions = b.transitions() == null ? List.of() : b.transitions();
            for (int t = 0; t < transitions.size(); t++) {
                LifecycleTransition transition = transitions.get(t);
                String tat = at + "/transitions/" + t;
                if (transition.storageClass() == null || !STORAGE_CLASSES.contains(transition.storageClass())) {
                    report.problem(
                            tat + "/storageClass",
                            "`" + transition.storageClass()
                                    + "` is not an S3 storage class a lifecycle rule can move objects to",
                            Suggestions.closest(String.valueOf(transition.storageClass()), STORAGE_CLASSES)
                                    .map(s -> "did you mean `" + s + "`?")
                                    .orElse("use one of " + new java.util.TreeSet<>(STORAGE_CLASSES)));
                }
                if (transition.days() == null || transition.days() < 0) {
                    report.problem(tat + "/days", "must be zero or more days, found " + transition.days(), null);
                } else {
                    if (("STANDARD_IA".equals(transition.storageClass())
                                    || "ONEZONE_IA".equals(transition.storageClass()))
                            && transition.days() < 30) {
                        report.problem(
                                tat + "/days",
                                "S3 moves objects to " + transition.storageClass() + " only after at least 30 days",
                                "use 30 or more");
                    }
                    lastTransition = Math.max(lastTransition, transition.days());
                }
            }
            if (b.expirationDays() != null && (b.expirationDays() < 1 || b.expirationDays() <= lastTransition)) {
                report.problem(
                        at + "/expirationDays",
                        "must be at least 1 and after the last transition (day " + lastTransition + "), found "
                                + b.expirationDays(),
                        null);
            }
        }
    }

    private static String longestRegion(Deployment d) {
        String standby = d.regions().standby();
        return standby != null && standby.length() > d.regions().primary().length()
                ? standby
                : d.regions().primary();
    }

    private void checkCdn(Deployment d, CdnSpec cdn) {
        if (cdn.domainName() == null || !DOMAIN.matcher(cdn.domainName()).matches()) {
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
        if (cdn.priceClass() != null && !PRICE_CLASSES.contains(cdn.priceClass())) {
            report.problem(
                    "/cdn/priceClass",
                    "`" + cdn.priceClass() + "` is not a CloudFront price class",
                    "use one of " + new java.util.TreeSet<>(PRICE_CLASSES));
        }
        List<String> paths = cdn.apiPaths() == null ? List.of() : cdn.apiPaths();
        for (int i = 0; i < paths.size(); i++) {
            if (!ROUTE.matcher(paths.get(i)).matches()) {
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

    private void checkWaf(WafSpec waf) {
        List<String> groups = waf.managedRuleGroups() == null ? List.of() : waf.managedRuleGroups();
        for (int i = 0; i < groups.size(); i++) {
            if (!MANAGED_RULE_GROUPS.contains(groups.get(i))) {
                report.problem(
                        "/waf/managedRuleGroups/" + i,
                        "`" + groups.get(i) + "` is not an AWS managed rule group the platform supports",
                        Suggestions.closest(groups.get(i), MANAGED_RULE_GROUPS)
                                .map(s -> "did you mean `" + s + "`?")
                                .orElse("use one of " + new java.util.TreeSet<>(MANAGED_RULE_GROUPS)));
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

    private void require(Object value, String pointer, String suggestion) {
        if (value == null) {
            report.problem(pointer, "is required", suggestion);
        }
    }

    private void requireBoolean(Boolean value, String pointer) {
        if (value == null) {
            report.problem(pointer, "is required (true or false)", null);
        }
    }

    private void path(String value, String pointer) {
        if (value == null || !value.startsWith("/")) {
            report.problem(pointer, "must be an HTTP path starting with /, found `" + value + "`", null);
        }
    }

    private boolean nonNegative(Integer value, String pointer) {
        if (value == null || value < 0) {
            report.problem(pointer, "must be zero or more, found " + value, null);
            return false;
        }
        return true;
    }

    private void positive(Integer value, String pointer) {
        if (value == null || value <= 0) {
            report.problem(pointer, "must be greater than zero, found " + value, null);
        }
    }

    private void percent(Integer value, String pointer) {
        if (value != null && (value < 1 || value > 100)) {
            report.problem(pointer, "must be a percentage 1-100, found " + value, null);
        }
    }

    private void variableName(String name, String pointer) {
        if (!ENV_VAR.matcher(name).matches()) {
            report.problem(
                    pointer,
                    "`" + name + "` is not a portable environment variable name",
                    "use upper-case letters, digits and underscores");
        }
    }

    /** An IPv4 range. */
    record Cidr(long network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected address/prefix");
            }
            String[] octets = parts[0].split("\\.", -1);
            if (octets.length != 4) {
                throw new IllegalArgumentException("expected four octets");
            }
            long address = 0;
            for (String octet : octets) {
                if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("octet `" + octet + "` is not 0-255");
                }
                address = (address << 8) | Integer.parseInt(octet);
            }
            if (!parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
                throw new IllegalArgumentException("prefix `" + parts[1] + "` is not 0-32");
            }
            int prefix = Integer.parseInt(parts[1]);
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            if ((address & ~mask & 0xFFFFFFFFL) != 0) {
                throw new IllegalArgumentException(
                        "host bits are set; the network address is " + format(address & mask) + "/" + prefix);
            }
            return new Cidr(address, prefix);
        }

        boolean overlaps(Cidr other) {
            int shorter = Math.min(prefix, other.prefix);
            long mask = shorter == 0 ? 0 : (0xFFFFFFFFL << (32 - shorter)) & 0xFFFFFFFFL;
            return (network & mask) == (other.network & mask);
        }

        private static String format(long a) {
            return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
        }
    }
}
