package io.drplatform.tco.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.drplatform.tco.region.RegionProperties;
import io.drplatform.tco.resilience.CacheGateway;
import io.drplatform.tco.resilience.DatabaseGateway;
import io.drplatform.tco.web.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The deep health check for Route 53 ({@code tco.health.deep-path}, default {@code /health/deep}): 200 only when
 * the database is reachable and writable and the region is not fenced. Unlike readiness (the ALB check), it
 * depends on the database role, so a standby region reports 503 here while its tasks stay in service. The body
 * shows region, role, breaker states and, on a replica, replication lag. It answers within about a second even
 * when dependencies hang (the query has its own deadline and goes through the database breaker).
 */
@Configuration(proxyBeanMethods = false)
public class DeepHealth {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(
            String status,
            String region,
            String role,
            Boolean writable,
            Boolean fenced,
            String activeRegion,
            BigDecimal replicationLagSeconds,
            Long replicationBytesBehind,
            Map<String, String> breakers,
            String detail) {}

    private record Db(boolean replica, String activeRegion, BigDecimal lagSeconds, Long bytesBehind) {}

    @Bean
    RouterFunction<ServerResponse> deepHealthRoute(
            @Value("${tco.health.deep-path:/health/deep}") String path,
            @Value("${tco.health.deep-timeout:800ms}") Duration timeout,
            DatabaseClient db,
            DatabaseGateway database,
            CacheGateway cache,
            RegionProperties region) {
        return RouterFunctions.route()
                .GET(path, request -> {
                    Map<String, String> breakers = new LinkedHashMap<>();
                    breakers.put(
                            DatabaseGateway.NAME, database.breaker().getState().name());
                    breakers.put(CacheGateway.NAME, cache.breaker().getState().name());
                    Mono<Db> query = database.read(() -> db.sql("""
              SELECT pg_is_in_recovery() AS replica,
                     (SELECT active_region FROM region_fence WHERE id = 1) AS active_region,
                     CASE WHEN pg_is_in_recovery()
                          THEN EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END AS lag_seconds,
                     CASE WHEN pg_is_in_recovery()
                          THEN pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint
                     END AS bytes_behind""")
                            .map(r -> new Db(
                                    Boolean.TRUE.equals(r.get("replica", Boolean.class)),
                                    r.get("active_region", String.class),
                                    r.get("lag_seconds", BigDecimal.class),
                                    r.get("bytes_behind", Long.class)))
                            .one());
                    return query.timeout(timeout)
                            .map(d -> {
                                boolean fenced = d.activeRegion() != null
                                        && !d.activeRegion().equals(region.region());
                                boolean ok = !d.replica() && !fenced;
                                return new Report(
                                        ok ? "UP" : "DOWN",
                                        region.region(),
                                        d.replica() ? "replica" : "primary",
                                        !d.replica(),
                                        fenced,
                                        d.activeRegion(),
                                        d.lagSeconds(),
                                        d.bytesBehind(),
                                        breakers,
                                        ok
                                                ? null
                                                : d.replica()
                                                        ? "the database is a read-only replica"
                                                        : "the region is fenced");
                            })
                            .onErrorResume(e -> Mono.just(new Report(
                                    "DOWN",
                                    region.region(),
                                    "unknown",
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    breakers,
                                    "the database is unreachable")))
                            .flatMap(report -> ServerResponse.status(
                                            "UP".equals(report.status())
                                                    ? HttpStatus.OK
                                                    : HttpStatus.SERVICE_UNAVAILABLE)
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .header("Cache-Control", "no-store")
                                    .bodyValue(
                                            new String(Json.write(report), java.nio.charset.StandardCharsets.UTF_8)));
                })
                .build();
    }
}
