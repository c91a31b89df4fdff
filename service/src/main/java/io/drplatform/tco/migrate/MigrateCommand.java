package io.drplatform.tco.migrate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar service.jar migrate}: applies the Flyway migrations and exits. It starts a non-web context
 * from a configuration outside the application's component scan, so nothing but Flyway (and the lazy clients
 * auto-configuration creates) comes up. The JDBC URL is {@code spring.flyway.url}; when it is not set it is
 * derived from {@code spring.r2dbc.url}, and the credentials default to the R2DBC ones.
 */
public final class MigrateCommand {

  private MigrateCommand() {
  }

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
      return SpringApplication.exit(ctx);
    }
  }

  /** Fills in Flyway's JDBC settings from the R2DBC ones when they are not given, at the lowest precedence. */
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
    }
  }
}
