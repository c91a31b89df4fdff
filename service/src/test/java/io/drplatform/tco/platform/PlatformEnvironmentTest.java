package io.drplatform.tco.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drplatform.tco.ratelimit.RateLimitProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * PLATFORM_ENVIRONMENT selects the per-environment settings of the real application.yaml files (per-IP quote
 * limits: 100/min in staging, 60/min in production; one trusted proxy hop, the ALB, in every AWS environment).
 * The variable is given as a property here: the environment reads it from any source, the OS environment included.
 */
class PlatformEnvironmentTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RateLimitProperties.class)
    static class Settings {}

    private static ConfigurableApplicationContext start(SpringApplicationBuilder builder, String... args) {
        return builder.sources(Settings.class).web(WebApplicationType.NONE).run(args);
    }

    @ParameterizedTest
    @CsvSource({"development,200", "staging,100", "production,60"})
    void theEnvironmentsProfileApplies(String environment, long quotesPerMinute) {
        try (var ctx = start(new SpringApplicationBuilder(), "--PLATFORM_ENVIRONMENT=" + environment)) {
            assertThat(ctx.getEnvironment().getActiveProfiles()).containsExactly(environment);
            RateLimitProperties limits = ctx.getBean(RateLimitProperties.class);
            assertThat(limits.trustedProxyHops()).isEqualTo(1);
            assertThat(limits.limits().get("quotes").capacity()).isEqualTo(quotesPerMinute);
            assertThat(limits.limits().get("quotes").period()).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void explicitProfilesStayActiveNextToThePlatformOne() {
        try (var ctx = start(new SpringApplicationBuilder().profiles("bench"), "--PLATFORM_ENVIRONMENT=staging")) {
            assertThat(ctx.getEnvironment().getActiveProfiles()).containsExactlyInAnyOrder("bench", "staging");
            RateLimitProperties limits = ctx.getBean(RateLimitProperties.class);
            assertThat(limits.enabled()).isFalse(); // bench
            assertThat(limits.limits().get("quotes").capacity()).isEqualTo(100); // staging
        }
        try (var ctx = start(new SpringApplicationBuilder(), "--spring.profiles.active=bench")) {
            assertThat(ctx.getEnvironment().getActiveProfiles()).containsExactly("bench");
        }
    }

    @Test
    void withoutTheVariableNothingChanges() {
        try (var ctx = start(new SpringApplicationBuilder())) {
            assertThat(ctx.getEnvironment().getActiveProfiles()).isEmpty();
            assertThat(ctx.getBean(RateLimitProperties.class).trustedProxyHops())
                    .isZero();
        }
    }

    @Test
    void anUnknownEnvironmentIsRefused() {
        assertThatThrownBy(() -> start(new SpringApplicationBuilder(), "--PLATFORM_ENVIRONMENT=aws"))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessage("PLATFORM_ENVIRONMENT='aws' is not one of [development, production, staging]; "
                        + "the per-environment settings would not apply");
    }
}
