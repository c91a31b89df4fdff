package io.drplatform.manifest.model;

/** The application's Redis replication group; {@code replicas} is the number of read replicas per shard. */
public record CacheSpec(String nodeType, String engineVersion, Integer replicas) {}
