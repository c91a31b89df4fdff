package io.drplatform.tco.platform;

import java.util.Locale;
import java.util.TreeSet;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Refuses to start, before any bean exists, when the configuration cannot work: an unknown
 * {@code PLATFORM_ENVIRONMENT} (checked as soon as the environment is ready, after logging is initialised), or an
 * API server without any way to verify tokens (checked once the context is prepared, so that properties added by
 * context initializers count; without one, every authenticated endpoint would be unusable). The refusal is logged
 * as one line in the configured format ({@link StartupRefusedReporter}).
 */
public class StartupChecks implements SmartApplicationListener {
    static final String JWT = "spring.security.oauth2.resourceserver.jwt.";

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationPreparedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            checkPlatformEnvironment(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent prepared
                && prepared.getSpringApplication().getWebApplicationType() == WebApplicationType.REACTIVE) {
            checkTokenVerification(prepared.getApplicationContext().getEnvironment());
        }
    }

    private static void checkPlatformEnvironment(Environment env) {
        String platform = PlatformEnvironment.of(env);
        if (platform != null && !PlatformEnvironment.KNOWN.contains(platform)) {
            throw new StartupRefusedException(PlatformEnvironment.VARIABLE + "='" + platform + "' is not one of "
                    + new TreeSet<>(PlatformEnvironment.KNOWN) + "; the per-environment settings would not apply");
        }
    }

    private static void checkTokenVerification(Environment env) {
        if (!hasText(env, "issuer-uri") && !hasText(env, "jwk-set-uri") && !hasText(env, "public-key-location")) {
            throw new StartupRefusedException("no JWT verification is configured: set " + JWT + "issuer-uri ("
                    + variable("issuer-uri") + ") with " + JWT + "jwk-set-uri (" + variable("jwk-set-uri") + "), or "
                    + JWT + "public-key-location (" + variable("public-key-location") + ") for local development");
        }
    }

    private static boolean hasText(Environment env, String property) {
        String value = env.getProperty(JWT + property);
        return value != null && !value.isBlank();
    }

    static String variable(String property) {
        return (JWT + property).replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
