package io.drplatform.tco.credentials;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * With {@code tco.database.credentials.secret-arn} (DATABASE_CREDENTIALS_SECRET_ARN) set, new PostgreSQL
 * connections log in with {@link RotatingCredentials} instead of the fixed {@code spring.r2dbc.username/password}:
 * the driver reads the user and password through suppliers on every login (r2dbc-postgresql supports both), and
 * the driver is decorated, under the pool, to renew them on SQLSTATE 28P01. Without the ARN nothing changes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${tco.database.credentials.secret-arn:}'.trim() != ''")
public class CredentialRotationConfig {
  // The same options, typed for the supplier values the PostgreSQL driver accepts in place of fixed ones.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Option<Supplier<String>> USER = (Option) ConnectionFactoryOptions.USER;
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Option<Supplier<CharSequence>> PASSWORD = (Option) ConnectionFactoryOptions.PASSWORD;

  @Bean(destroyMethod = "close")
  SecretsManagerCredentials databaseSecret(@Value("${tco.database.credentials.secret-arn}") String arn,
                                           @Value("${tco.database.credentials.region:}") String region,
                                           @Value("${tco.database.credentials.endpoint:}") String endpoint) {
    return new SecretsManagerCredentials(arn.trim(), region, endpoint.isBlank() ? null : URI.create(endpoint));
  }

  @Bean
  RotatingCredentials rotatingCredentials(R2dbcProperties r2dbc, SecretsManagerCredentials secret,
                                          @Value("${tco.database.credentials.min-refresh-interval:10s}")
                                          Duration minInterval) {
    return new RotatingCredentials(new DatabaseCredentials(r2dbc.getUsername(), r2dbc.getPassword()), secret,
        secret.secretId(), minInterval, Clock.systemUTC());
  }

  @Bean
  ConnectionFactoryOptionsBuilderCustomizer rotatingLogin(RotatingCredentials credentials) {
    Supplier<String> user = () -> credentials.current().username();
    Supplier<CharSequence> password = () -> credentials.current().password();
    return options -> options.option(USER, user).option(PASSWORD, password);
  }

  @Bean
  ConnectionFactoryDecorator renewCredentialsOnRefusedLogin(RotatingCredentials credentials) {
    return driver -> new CredentialRenewingConnectionFactory(driver, credentials);
  }
}
