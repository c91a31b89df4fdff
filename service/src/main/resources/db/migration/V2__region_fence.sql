-- The failover fence. At most one row: the region allowed to write. A failover (the DR tool or the runbook) sets it
-- on the promoted database, bumping the epoch:
--   INSERT INTO region_fence (id, active_region, epoch) VALUES (1, 'us-west-2', 1)
--   ON CONFLICT (id) DO UPDATE SET active_region = EXCLUDED.active_region, epoch = region_fence.epoch + 1,
--                                  updated_at = now();
-- Because the fence lives in the database, an instance in the old primary region keeps refusing writes even when
-- its old database comes back writable, as soon as that database carries the new row (re-seeded from the new
-- primary). No row means no fence: every region may write (single-region deployments).
CREATE TABLE region_fence (
    id            smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    active_region text        NOT NULL,
    epoch         bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
