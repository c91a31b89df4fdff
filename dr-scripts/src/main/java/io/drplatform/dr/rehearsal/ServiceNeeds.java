package io.drplatform.dr.rehearsal;

import io.drplatform.dr.rehearsal.template.CacheReplicationGroup;
import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.contract.NeutralVariables;
import io.drplatform.manifest.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The variables a service cannot start without, from what its manifest entry connects to and the platform's
 * promise in {@link ContainerVariables} (or {@link NeutralVariables}, renamed as the service asks): where it runs, and the settings of each resource it connects to. It is the
 * service's side of the seam, so a container definition is checked against it rather than against itself.
 */
final class ServiceNeeds {
    private ServiceNeeds() {}

    static List<String> variables(ServiceSpec service, Optional<CacheReplicationGroup> cache) {
        List<String> needed = new ArrayList<>(List.of(
                ContainerVariables.AWS_REGION,
                ContainerVariables.PLATFORM_ENVIRONMENT,
                ContainerVariables.PLATFORM_REGION_ROLE));
        boolean neutral = service.neutralNaming();
        if (service.connectsTo(ServiceSpec.DATABASE)) {
            needed.addAll(
                    neutral
                            ? List.of(
                                    NeutralVariables.DATABASE_HOST,
                                    NeutralVariables.DATABASE_PORT,
                                    NeutralVariables.DATABASE_NAME,
                                    NeutralVariables.DATABASE_USER,
                                    NeutralVariables.DATABASE_PASSWORD)
                            : List.of(
                                    ContainerVariables.R2DBC_URL,
                                    ContainerVariables.R2DBC_USERNAME,
                                    ContainerVariables.R2DBC_PASSWORD));
        }
        if (service.connectsTo(ServiceSpec.CACHE)) {
            needed.addAll(
                    List.of(neutral ? NeutralVariables.REDIS_HOST : ContainerVariables.REDIS_HOST, cachePort(service)));
            // A client that does not speak TLS, or sends no AUTH, is refused by a group that requires them.
            if (cache.map(CacheReplicationGroup::tls).orElse(false)) {
                needed.add(cacheTls(service));
            }
            if (cache.map(CacheReplicationGroup::auth).orElse(false)) {
                needed.add(neutral ? NeutralVariables.REDIS_AUTH_TOKEN : ContainerVariables.REDIS_PASSWORD);
            }
        }
        if (service.connectsTo(ServiceSpec.AUTH)) {
            needed.add(neutral ? NeutralVariables.AUTH_ISSUER_URI : ContainerVariables.JWT_ISSUER_URI);
        }
        // Under the names the service reads them by: its connectionVariables rename the neutral ones.
        return needed.stream().map(service::variable).toList();
    }

    /** The variable that holds the cache's port, under the service's naming. */
    static String cachePort(ServiceSpec service) {
        return service.neutralNaming() ? service.variable(NeutralVariables.REDIS_PORT) : ContainerVariables.REDIS_PORT;
    }

    /** The variable that says whether the cache speaks TLS ({@code true}/{@code false}), under the service's naming. */
    static String cacheTls(ServiceSpec service) {
        return service.neutralNaming()
                ? service.variable(NeutralVariables.REDIS_TLS)
                : ContainerVariables.REDIS_SSL_ENABLED;
    }

    /** The paths the service answers health checks on, as its manifest entry declares them. */
    static List<String> healthPaths(ServiceSpec service) {
        List<String> paths = new ArrayList<>();
        if (service.healthCheckPath() != null) {
            paths.add(service.healthCheckPath());
        }
        if (service.deepHealthCheckPath() != null && !paths.contains(service.deepHealthCheckPath())) {
            paths.add(service.deepHealthCheckPath());
        }
        return paths;
    }
}
