-- Token bucket, executed atomically by Redis. One hash per bucket; its key carries a {hash tag}, so a cluster keeps
-- it on one slot. Time comes from the caller (ARGV[3]) so that tests can drive the clock.
-- KEYS[1] bucket key
-- ARGV[1] capacity (tokens), ARGV[2] milliseconds per token, ARGV[3] now (ms), ARGV[4] tokens requested
-- Returns {allowed (1/0), remaining (whole tokens), retry after (ms, 0 when allowed), full again after (ms)}
local key = KEYS[1]
local capacity = tonumber(ARGV[1])
local ms_per_token = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local requested = tonumber(ARGV[4])

local state = redis.call('HMGET', key, 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
if now > ts then
  tokens = math.min(capacity, tokens + (now - ts) / ms_per_token)
  ts = now
end

local allowed = 0
local retry_ms = 0
if tokens >= requested then
  tokens = tokens - requested
  allowed = 1
else
  -- (the small epsilon keeps float noise such as 1.0000000000000009 from adding a millisecond)
  retry_ms = math.ceil((requested - tokens) * ms_per_token - 1e-6)
end

redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', tostring(ts))
-- An idle bucket refills completely within capacity * ms_per_token; keep it twice that long.
redis.call('PEXPIRE', key, math.ceil(capacity * ms_per_token * 2))
return {allowed, math.floor(tokens + 1e-9), retry_ms, math.ceil((capacity - tokens) * ms_per_token - 1e-6)}
