package io.drplatform.tco.credentials;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/**
 * With {@code tco.database.credentials.secret-arn} (DATABASE_CREDENTIALS_SECRET_ARN) set, new PostgreSQL
 * connections log in with {@link RotatingCredentials} instead of the fixed {@code spring.r2dbc.username/password}:
 * the driver reads the user and password through suppliers on every login (r2dbc-postgresql supports both), and
 * the driver is decorated, under the pool, to renew them on SQLSTATE 28P01. Without the ARN nothing changes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${tco.database.credentials.secret-arn:}'.trim() != ''")
public class CredentialRotationConfig {
    private static final Logger log = LoggerFactory.getLogger(CredentialRotationConfig.class);
    // The same options, typed for the supplier values the PostgreSQL driver accepts in place of fixed ones.
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Option<Supplier<String>> USER = (Option) ConnectionFactoryOptions.USER;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Option<Supplier<CharSequence>> PASSWORD = (Option) ConnectionFactoryOptions.PASSWORD;

    @Bean(destroyMethod = "close")
    SecretsManagerCredentials databaseSecret(
            @Value("${tco.database.credentials.secret-arn}") String arn,
            @Value("${tco.database.credentials.region:}") String region,
            @Value("${tco.database.credentials.endpoint:}") String endpoint) {
        return new SecretsManagerCredentials(arn.trim(), region, endpoint.isBlank() ? null : URI.create(endpoint));
    }

    /**
     * Once the service is up, the secret is read once in the background, without using the result: a task role
     * that cannot read it shows at start instead of at the next rotation, and the SDK's first call (seconds of
     * initialisation on a small task) is not paid by a request waiting for a connection after a rotation.
     * Start-up never waits for it and a failure changes nothing else.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> checkDatabaseSecret(SecretsManagerCredentials secret) {
        return ready -> Schedulers.boundedElastic().schedule(() -> {
            try {
                log.info(
                        "the database secret {} is readable (user {})",
                        secret.secretId(),
                        secret.get().username());
            } catch (RuntimeException e) {
                log.warn(
                        "the database secret {} cannot be read; credentials cannot be renewed after a rotation: {}",
                        secret.secretId(),
                        e.toString());
            }
        });
    }

    @Bean
    RotatingCredentials rotatingCredentials(
            R2dbcProperties r2dbc,
            SecretsManagerCredentials secret,
            @Value("${tco.database.credentials.min-refresh-interval:10s}") Duration minInterval) {
        return new RotatingCredentials(
                new DatabaseCredentials(r2dbc.getUsername(), r2dbc.getPassword()),
                secret,
                secret.secretId(),
                minInterval,
                Clock.systemUTC());
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
