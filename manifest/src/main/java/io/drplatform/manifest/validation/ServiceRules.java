package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.ContainerImage;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code services} section: unique names, an image to run, health paths and routes that the shared load balancer
 * can tell apart; each service's size ({@link ServiceSizeRules}), container health check ({@link HealthCheckRules}),
 * settings ({@link ServiceSettingRules}) and user and writable paths ({@link ContainerHardeningRules}) in turn.
 */
final class ServiceRules extends SectionRules {
    private final Path baseDirectory;
    private final ServiceSizeRules size;
    private final ServiceSettingRules settings;
    private final HealthCheckRules healthCheck;
    private final ContainerHardeningRules hardening;

    /** @param baseDirectory what image build contexts are relative to: the manifest file's directory */
    ServiceRules(ProblemReport report, Path baseDirectory) {
        super(report);
        this.baseDirectory = baseDirectory;
        this.size = new ServiceSizeRules(report);
        this.settings = new ServiceSettingRules(report);
        this.healthCheck = new HealthCheckRules(report);
        this.hardening = new ContainerHardeningRules(report);
    }

    void check(Deployment d) {
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
            if (s.name() == null || !Formats.NAME.matcher(s.name()).matches()) {
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
            healthCheck.check(s, at);
            size.check(s, at);
            if (s.routes() == null || s.routes().isEmpty()) {
                defaultServices++;
            } else {
                checkRoutes(s, at, routeOwners);
            }
            settings.check(d, s, at);
            hardening.check(s, at);
        }
        if (defaultServices > 1) {
            report.problem(
                    "/services",
                    defaultServices + " services have no routes; only one can take the load balancer's default route",
                    "give every service but one a `routes` list");
        }
    }

    private void checkRoutes(ServiceSpec s, String at, Map<String, String> routeOwners) {
        for (int r = 0; r < s.routes().size(); r++) {
            String route = s.routes().get(r);
            if (!Formats.ROUTE.matcher(route).matches() || route.length() > 128) {
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
}
