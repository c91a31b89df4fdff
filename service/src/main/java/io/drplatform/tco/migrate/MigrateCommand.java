package io.drplatform.tco.migrate;

import io.drplatform.tco.platform.StartupRefusedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code java -jar service.jar migrate}: applies the Flyway migrations and exits. It starts a non-web context
 * from a configuration outside the application's component scan, so nothing but Flyway (and the lazy clients
 * auto-configuration creates) comes up. The JDBC URL is {@code spring.flyway.url}; when it is not set it is
 * derived from {@code spring.r2dbc.url}, and the credentials default to the R2DBC ones. With
 * DATABASE_APPLICATION_USERNAME/PASSWORD it then provisions the service's own login ({@link ApplicationUser}).
 */
public final class MigrateCommand {

    private MigrateCommand() {}

    /** Runs the migration; returns the process exit code. */
    public static int run(String... args) {
        // A command-line argument outranks application.yaml, where instances keep Flyway disabled.
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add(0, "--spring.flyway.enabled=true");
        SpringApplication app = new SpringApplicationBuilder(MigrateApplication.class)
                .web(WebApplicationType.NONE)
                .listeners(new Defaults())
                .build();
        try (ConfigurableApplicationContext ctx = app.run(all.toArray(String[]::new))) {
            provisionApplicationUser(ctx);
            return SpringApplication.exit(ctx);
        }
    }

    /** After the migrations: the service's own login, when DATABASE_APPLICATION_USERNAME/PASSWORD are given. */
    private static void provisionApplicationUser(ConfigurableApplicationContext ctx) {
        Environment env = ctx.getEnvironment();
        String username =
                env.getProperty("tco.database.application-user.username", "").trim();
        String password = env.getProperty("tco.database.application-user.password", "");
        if (username.isEmpty()) {
            return;
        }
        Flyway flyway = ctx.getBean(Flyway.class);
        ApplicationUser user = new ApplicationUser(
                env.getProperty("tco.database.application-role", "tco_application"),
                username,
                password,
                flyway.getConfiguration().getTable());
        try {
            user.provision(flyway.getConfiguration().getDataSource());
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not provision the database user " + username + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fills in Flyway's JDBC settings from the R2DBC ones when they are not given, at the lowest precedence, and
     * refuses an application user without a password (or the reverse) before anything is migrated.
     */
    static final class Defaults implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ConfigurableEnvironment env = event.getEnvironment();
            Map<String, Object> defaults = new HashMap<>();
            String r2dbcUrl = env.getProperty("spring.r2dbc.url");
            if (env.getProperty("spring.flyway.url") == null && r2dbcUrl != null && r2dbcUrl.startsWith("r2dbc:")) {
                defaults.put("spring.flyway.url", "jdbc:" + r2dbcUrl.substring("r2dbc:".length()));
            }
            if (env.getProperty("spring.flyway.user") == null && env.getProperty("spring.r2dbc.username") != null) {
                defaults.put("spring.flyway.user", env.getProperty("spring.r2dbc.username"));
            }
            if (env.getProperty("spring.flyway.password") == null && env.getProperty("spring.r2dbc.password") != null) {
                defaults.put("spring.flyway.password", env.getProperty("spring.r2dbc.password"));
            }
            env.getPropertySources().addLast(new MapPropertySource("migrate-defaults", defaults));
            String username = env.getProperty("tco.database.application-user.username", "")
                    .trim();
            String password = env.getProperty("tco.database.application-user.password", "");
            if (username.isEmpty() != password.isEmpty()) {
                throw new StartupRefusedException("DATABASE_APPLICATION_USERNAME and DATABASE_APPLICATION_PASSWORD "
                        + "(tco.database.application-user.username/password) must be given together");
            }
        }
    }
}
