package io.drplatform.tco.platform;

import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Activates the profile named by {@code PLATFORM_ENVIRONMENT} (development, staging or production), which the
 * platform sets on every task, so that {@code application-<environment>.yaml} applies without the deployment
 * naming a Spring profile. It runs before the config files are read, so the profile's file is loaded like any
 * other; profiles given explicitly ({@code SPRING_PROFILES_ACTIVE}) stay active too. An unknown value activates
 * nothing here and is refused by {@link StartupChecks} once logging is up.
 */
public class PlatformEnvironment implements EnvironmentPostProcessor, Ordered {
    public static final String VARIABLE = "PLATFORM_ENVIRONMENT";
    public static final Set<String> KNOWN = Set.of("development", "staging", "production");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String name = of(environment);
        if (name != null && KNOWN.contains(name)) {
            environment.addActiveProfile(name);
        }
    }

    /** The value given, or null when the variable is unset or blank. */
    static String of(Environment environment) {
        String value = environment.getProperty(VARIABLE);
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }
}
