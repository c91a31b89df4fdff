package io.drplatform.tco.platform;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.util.TreeSet;

/**
 * Refuses to start, before any bean exists, when the configuration cannot work: an unknown
 * {@code PLATFORM_ENVIRONMENT}, or an API server without any way to verify tokens (without one, every
 * authenticated endpoint would be unusable). It runs right after logging is initialised, so the refusal is
 * logged in the configured format as a single event.
 */
public class StartupChecks implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
  static final String JWT = "spring.security.oauth2.resourceserver.jwt.";

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    Environment env = event.getEnvironment();
    String platform = PlatformEnvironment.of(env);
    if (platform != null && !PlatformEnvironment.KNOWN.contains(platform)) {
      throw new StartupRefusedException(PlatformEnvironment.VARIABLE + "='" + platform + "' is not one of "
          + new TreeSet<>(PlatformEnvironment.KNOWN) + "; the per-environment settings would not apply");
    }
    if (event.getSpringApplication().getWebApplicationType() == WebApplicationType.REACTIVE
        && !hasTokenVerification(env)) {
      throw new StartupRefusedException("no JWT verification is configured: set " + JWT + "issuer-uri ("
          + variable("issuer-uri") + ") with " + JWT + "jwk-set-uri (" + variable("jwk-set-uri") + "), or "
          + JWT + "public-key-location (" + variable("public-key-location") + ") for local development");
    }
  }

  private static boolean hasTokenVerification(Environment env) {
    return hasText(env, "issuer-uri") || hasText(env, "jwk-set-uri") || hasText(env, "public-key-location");
  }

  private static boolean hasText(Environment env, String property) {
    String value = env.getProperty(JWT + property);
    return value != null && !value.isBlank();
  }

  static String variable(String property) {
    return (JWT + property).replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }
}
