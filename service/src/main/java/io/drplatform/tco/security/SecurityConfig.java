package io.drplatform.tco.security;

import io.drplatform.tco.problem.ProblemResponses;
import io.drplatform.tco.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Stateless bearer-JWT security. Only the calculations API needs a token; everything else is public so that an
 * unknown route answers 404 rather than 401. The decoder itself comes from the standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties (required: {@code StartupChecks}). With a JWK set
 * URI the decoder downloads the key set on first use and keeps it; it fetches it again only for an unknown key id,
 * so tokens keep being verified with the cached keys while the identity provider is unreachable.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class SecurityConfig {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, ex) -> ProblemResponses.write(
                exchange, ProblemType.UNAUTHORIZED, "a valid bearer token is required", null, null);
        ServerAccessDeniedHandler denied =
                (exchange, ex) -> ProblemResponses.write(exchange, ProblemType.FORBIDDEN, "access denied", null, null);
        // A token whose key id is not in the cached key set while the key set cannot be fetched (identity provider
        // down) fails with an IllegalStateException that Spring would answer with a 500. The token cannot be verified:
        // it is a 401, logged so that the outage is visible.
        ReactiveJwtDecoder keySetAware = token -> decoder.decode(token)
                .onErrorMap(
                        IllegalStateException.class, e -> new JwtException("the token's key could not be obtained", e));
        ServerAuthenticationFailureHandler failed = (webFilterExchange, ex) -> {
            if (ex instanceof AuthenticationServiceException) {
                log.warn("a bearer token could not be verified: {}", rootCause(ex));
            }
            return unauthorized.commence(webFilterExchange.getExchange(), ex);
        };
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(ex -> ex.pathMatchers("/api/v1/calculations", "/api/v1/calculations/**")
                        .authenticated()
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtDecoder(keySetAware))
                        .authenticationEntryPoint(unauthorized)
                        .authenticationFailureHandler(failed)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
                .build();
    }

    /**
     * Spring Security would wrap every filter of its chain, and every authorization, in an observation of its own (a
     * timer, and a span when tracing) on every request. Nothing reads them; the request's own observation
     * ({@code http.server.requests}) stays. In the benchmark's profile of a public endpoint they cost about a fifth
     * of the CPU per request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
