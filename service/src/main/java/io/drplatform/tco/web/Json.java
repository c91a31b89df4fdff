package io.drplatform.tco.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the API. It is deliberately independent of the framework's codec configuration:
 * request bodies must parse numbers as exact decimals and reject duplicate keys, and responses must be
 * byte-for-byte stable (plain decimals, record field order) whether they are computed, read from PostgreSQL or
 * served from the Redis cache.
 */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {}

    /** Parses a request body; malformed JSON becomes a {@link MalformedJsonException} with a safe message. */
    public static JsonNode readTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedJsonException("the request body is empty");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            // The original message can echo input; keep only the location.
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new MalformedJsonException("the request body is not valid JSON" + where);
        }
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    /** Malformed or empty JSON in a request. */
    public static final class MalformedJsonException extends RuntimeException {
        public MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }
}
