-- Calculations are immutable once stored. The idempotency key lives next to the calculation it produced, so a
-- retried request is recognised in whichever region holds the promoted database after a failover.
CREATE TABLE calculations (
    id              uuid        PRIMARY KEY,
    owner           text        NOT NULL,
    created_at      timestamptz NOT NULL,
    region          text        NOT NULL,
    idempotency_key text,
    request_hash    text        NOT NULL,
    input           jsonb       NOT NULL,
    result          jsonb       NOT NULL,
    CONSTRAINT calculations_owner_idempotency_key UNIQUE (owner, idempotency_key)
);

-- Keyset pagination: the caller's calculations, newest first, ties broken by id.
CREATE INDEX calculations_owner_created_id ON calculations (owner, created_at DESC, id DESC);
