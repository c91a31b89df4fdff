package io.drplatform.tco.calculation;

import io.drplatform.tco.resilience.DatabaseGateway;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Every PostgreSQL call of the service, in one place (R2DBC only), so that resilience policies can wrap them.
 * Queries always filter by owner: another caller's id is indistinguishable from a missing one. Every call goes
 * through the {@link DatabaseGateway} (breaker, timeout, bulkhead, retry where safe).
 */
@Repository
public class CalculationRepository {
    private static final String COLUMNS =
            "id, owner, created_at, region, idempotency_key, request_hash, input::text AS input, result::text AS result";

    private final DatabaseClient db;
    private final DatabaseGateway gateway;

    public CalculationRepository(DatabaseClient db, DatabaseGateway gateway) {
        this.db = db;
        this.gateway = gateway;
    }

    /**
     * Inserts; completes empty when the owner already used this idempotency key (a concurrent or earlier call) or
     * when the failover fence names another region (checked in the same statement, so a fence set between the
     * role check and the insert still holds). A retry is only safe with an idempotency key.
     */
    Mono<UUID> insert(StoredCalculation c) {
        return gateway.write(() -> insertOnce(c), c.idempotencyKey() != null);
    }

    private Mono<UUID> insertOnce(StoredCalculation c) {
        var spec = db.sql("""
            INSERT INTO calculations (id, owner, created_at, region, idempotency_key, request_hash, input, result)
            SELECT :id, :owner, :createdAt, :region, :key, :hash, :input, :result
            WHERE NOT EXISTS (SELECT 1 FROM region_fence WHERE active_region <> :region)
            ON CONFLICT (owner, idempotency_key) DO NOTHING
            RETURNING id""")
                .bind("id", c.id())
                .bind("owner", c.owner())
                .bind("createdAt", OffsetDateTime.ofInstant(c.createdAt(), ZoneOffset.UTC))
                .bind("region", c.region())
                .bind("hash", c.requestHash())
                .bind("input", Json.of(c.inputJson()))
                .bind("result", Json.of(c.resultJson()));
        spec = c.idempotencyKey() == null ? spec.bindNull("key", String.class) : spec.bind("key", c.idempotencyKey());
        return spec.map(row -> row.get("id", UUID.class)).one();
    }

    Mono<StoredCalculation> findById(String owner, UUID id) {
        return gateway.read(() -> db.sql("SELECT " + COLUMNS + " FROM calculations WHERE owner = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .map(CalculationRepository::row)
                .one());
    }

    Mono<StoredCalculation> findByIdempotencyKey(String owner, String key) {
        return gateway.read(
                () -> db.sql("SELECT " + COLUMNS + " FROM calculations WHERE owner = :owner AND idempotency_key = :key")
                        .bind("owner", owner)
                        .bind("key", key)
                        .map(CalculationRepository::row)
                        .one());
    }

    /** Newest first, strictly after the cursor position when there is one. */
    Mono<List<StoredCalculation>> page(String owner, Cursor after, int limit) {
        if (after == null) {
            return gateway.readAll(() -> db.sql("SELECT " + COLUMNS + " FROM calculations WHERE owner = :owner"
                            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("owner", owner)
                    .bind("limit", limit)
                    .map(CalculationRepository::row)
                    .all());
        }
        return gateway.readAll(() -> db.sql("SELECT " + COLUMNS + " FROM calculations WHERE owner = :owner"
                        + " AND (created_at, id) < (:createdAt, :id) ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("owner", owner)
                .bind("createdAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
                .bind("id", after.id())
                .bind("limit", limit)
                .map(CalculationRepository::row)
                .all());
    }

    private static StoredCalculation row(Readable r) {
        OffsetDateTime created = r.get("created_at", OffsetDateTime.class);
        Instant at = created == null ? null : created.toInstant();
        return new StoredCalculation(
                r.get("id", UUID.class),
                r.get("owner", String.class),
                at,
                r.get("region", String.class),
                r.get("idempotency_key", String.class),
                r.get("request_hash", String.class),
                r.get("input", String.class),
                r.get("result", String.class));
    }
}
