package io.drplatform.tco.web;

import io.drplatform.tco.problem.ProblemResponses;
import io.drplatform.tco.problem.ProblemType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Stateless bearer-JWT security. Only the calculations API needs a token; everything else is public so that an
 * unknown route answers 404 rather than 401. The decoder itself comes from the standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class SecurityConfig {

  @Bean
  SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
    ServerAuthenticationEntryPoint unauthorized = (exchange, ex) ->
        ProblemResponses.write(exchange, ProblemType.UNAUTHORIZED, "a valid bearer token is required", null, null);
    ServerAccessDeniedHandler denied = (exchange, ex) ->
        ProblemResponses.write(exchange, ProblemType.FORBIDDEN, "access denied", null, null);
    return http
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .authorizeExchange(ex -> ex
            .pathMatchers("/api/v1/calculations", "/api/v1/calculations/**").authenticated()
            .anyExchange().permitAll())
        .oauth2ResourceServer(o -> o
            .jwt(Customizer.withDefaults())
            .authenticationEntryPoint(unauthorized)
            .accessDeniedHandler(denied))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
        .build();
  }
}
