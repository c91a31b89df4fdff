package io.drplatform.tco.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The credentials new PostgreSQL connections log in with. They start as the ones the task was given and are
 * re-read from the secret when PostgreSQL refuses them (after a rotation). Renewal is single-flight: however many
 * connections are refused at once, one read of the secret serves them all; and it is rate-limited: after a read,
 * the next one waits {@code minInterval}, so a wrong password in the secret cannot hammer Secrets Manager.
 */
public final class RotatingCredentials {
    private static final Logger log = LoggerFactory.getLogger(RotatingCredentials.class);

    private final Supplier<DatabaseCredentials> secret;
    private final String secretName;
    private final Duration minInterval;
    private final Clock clock;
    private volatile DatabaseCredentials current;
    private Mono<Boolean> inFlight;
    private Instant lastRead;
    private Instant lastRefusalLogged;
    private long renewals;

    public RotatingCredentials(
            DatabaseCredentials initial,
            Supplier<DatabaseCredentials> secret,
            String secretName,
            Duration minInterval,
            Clock clock) {
        this.current = initial;
        this.secret = secret;
        this.secretName = secretName;
        this.minInterval = minInterval;
        this.clock = clock;
    }

    public DatabaseCredentials current() {
        return current;
    }

    /** How many times the secret was read (whatever it held). */
    public synchronized long renewals() {
        return renewals;
    }

    /**
     * PostgreSQL refused {@code refused}: emits true when the credentials are now different (a retry may succeed),
     * false when they are unchanged, the secret could not be read, or the last read was too recent.
     */
    public synchronized Mono<Boolean> renewAfterRefusal(DatabaseCredentials refused) {
        if (!refused.equals(current)) {
            return Mono.just(true); // renewed meanwhile by another connection
        }
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.instant();
        if (lastRead != null && now.isBefore(lastRead.plus(minInterval))) {
            if (lastRefusalLogged == null || !now.isBefore(lastRefusalLogged.plus(minInterval))) {
                lastRefusalLogged = now;
                log.warn(
                        "PostgreSQL refused the credentials of user {} (SQLSTATE 28P01); the secret {} was read less "
                                + "than {} ago, not reading it again yet",
                        refused.username(),
                        secretName,
                        minInterval);
            }
            return Mono.just(false);
        }
        lastRead = now;
        renewals++;
        log.warn(
                "PostgreSQL refused the credentials of user {} (SQLSTATE 28P01): re-reading the secret {}",
                refused.username(),
                secretName);
        long started = System.nanoTime();
        Mono<Boolean> read = Mono.fromCallable(secret::get)
                .subscribeOn(Schedulers.boundedElastic())
                .map(fresh -> install(refused, fresh, Duration.ofNanos(System.nanoTime() - started)))
                .onErrorResume(e -> {
                    log.warn("could not read the database secret {}: {}", secretName, e.toString());
                    return Mono.just(false);
                })
                // Cleared before the answer reaches a caller: a refusal right after it must start a new read, not
                // get this one again (doFinally alone ran after block() had returned, a race the tests hit).
                .doOnNext(renewed -> done())
                .doFinally(s -> done())
                .cache();
        inFlight = read;
        return read;
    }

    private synchronized boolean install(DatabaseCredentials refused, DatabaseCredentials fresh, Duration took) {
        if (fresh.equals(refused)) {
            log.warn("the secret {} still holds the refused credentials of user {}", secretName, refused.username());
            return false;
        }
        current = fresh;
        log.warn(
                "database credentials renewed from the secret {} in {} ms: new connections log in as {}",
                secretName,
                took.toMillis(),
                fresh.username());
        return true;
    }

    private synchronized void done() {
        inFlight = null;
    }
}
