package io.drplatform.dr.provider;

/** How far the standby database is behind, recorded before a fault; either value may be null when unknown. */
public record ReplicaLag(Double seconds, Long bytesBehind) {}
