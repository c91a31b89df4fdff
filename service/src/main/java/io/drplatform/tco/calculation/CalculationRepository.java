package io.drplatform.tco.calculation;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Every PostgreSQL call of the service, in one place (R2DBC only), so that resilience policies can wrap them.
 * Queries always filter by owner: another caller's id is indistinguishable from a missing one.
 */
@Repository
public class CalculationRepository {
  private static final String COLUMNS =
      "id, owner, created_at, region, idempotency_key, request_hash, input::text AS input, result::text AS result";

  private final DatabaseClient db;

  public CalculationRepository(DatabaseClient db) {
    this.db = db;
  }

  /** Inserts; completes empty when the owner already used this idempotency key (a concurrent or earlier call). */
  Mono<UUID> insert(StoredCalculation c) {
    var spec = db.sql("""
            INSERT INTO calculations (id, owner, created_at, region, idempotency_key, request_hash, input, result)
            VALUES (:id, :owner, :createdAt, :region, :key, :hash, :input, :result)
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
    return db.sql("SELECT " + COLUMNS + " FROM calculations WHERE owner = :owner AND id = :id")
        .bind("owner", owner)
        .bind("id", id)
        .map(CalculationRepository::row)
        .one();
  }

  Mono<StoredCalculation> findByIdempotencyKey(String owner, String key) {
    return db.sql("SELECT " + COLUMNS + " FROM calculations WHERE owner = :owner AND idempotency_key = :key")
        .bind("owner", owner)
        .bind("key", key)
        .map(CalculationRepository::row)
        .one();
  }

  /** Newest first, strictly after the cursor position when there is one. */
  Flux<StoredCalculation> page(String owner, Cursor after, int limit) {
    if (after == null) {
      return db.sql("SELECT " + COLUMNS + " FROM calculations WHERE owner = :owner"
              + " ORDER BY created_at DESC, id DESC LIMIT :limit")
          .bind("owner", owner)
          .bind("limit", limit)
          .map(CalculationRepository::row)
          .all();
    }
    return db.sql("SELECT " + COLUMNS + " FROM calculations WHERE owner = :owner"
            + " AND (created_at, id) < (:createdAt, :id) ORDER BY created_at DESC, id DESC LIMIT :limit")
        .bind("owner", owner)
        .bind("createdAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
        .bind("id", after.id())
        .bind("limit", limit)
        .map(CalculationRepository::row)
        .all();
  }

  private static StoredCalculation row(Readable r) {
    OffsetDateTime created = r.get("created_at", OffsetDateTime.class);
    Instant at = created == null ? null : created.toInstant();
    return new StoredCalculation(r.get("id", UUID.class), r.get("owner", String.class), at,
        r.get("region", String.class), r.get("idempotency_key", String.class), r.get("request_hash", String.class),
        r.get("input", String.class), r.get("result", String.class));
  }
}
