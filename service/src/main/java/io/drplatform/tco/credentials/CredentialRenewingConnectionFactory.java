package io.drplatform.tco.credentials;

import io.drplatform.tco.resilience.DatabaseErrors;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Mono;

/**
 * Sits under the pool, around the PostgreSQL driver: when PostgreSQL refuses a new connection's login with
 * SQLSTATE 28P01 (the password was rotated), it renews the credentials and opens the connection again, once. The
 * pool, and the request waiting for a connection, only see a slower connect.
 */
public final class CredentialRenewingConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {
    /** SQLSTATE invalid_password: PostgreSQL's answer to a wrong password or an unknown user. */
    public static final String INVALID_PASSWORD = "28P01";

    private final ConnectionFactory driver;
    private final RotatingCredentials credentials;

    public CredentialRenewingConnectionFactory(ConnectionFactory driver, RotatingCredentials credentials) {
        this.driver = driver;
        this.credentials = credentials;
    }

    @Override
    public Mono<Connection> create() {
        return Mono.defer(() -> {
            DatabaseCredentials used = credentials.current();
            return Mono.<Connection>from(driver.create())
                    .onErrorResume(
                            CredentialRenewingConnectionFactory::isRefusedLogin,
                            refused -> credentials
                                    .renewAfterRefusal(used)
                                    .flatMap(renewed ->
                                            renewed ? Mono.<Connection>from(driver.create()) : Mono.error(refused)));
        });
    }

    static boolean isRefusedLogin(Throwable t) {
        return DatabaseErrors.hasSqlState(t, INVALID_PASSWORD);
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return driver.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return driver;
    }
}
