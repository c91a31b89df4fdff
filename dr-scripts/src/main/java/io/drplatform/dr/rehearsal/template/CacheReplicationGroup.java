package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An {@code AWS::ElastiCache::ReplicationGroup}: the port clients connect to, whether it requires TLS in transit
 * and whether it requires AUTH (an {@code AuthToken}, which ElastiCache only accepts with TLS).
 */
public record CacheReplicationGroup(String logicalId, int port, boolean tls, boolean auth) {

    /** Redis's port, where the template does not set one. */
    static final int REDIS_PORT = 6379;

    static CacheReplicationGroup read(String logicalId, JsonNode props) {
        return new CacheReplicationGroup(
                logicalId,
                props.path("Port").asInt(REDIS_PORT),
                props.path("TransitEncryptionEnabled").asBoolean(false),
                props.has("AuthToken"));
    }
}
