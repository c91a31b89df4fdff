package io.drplatform.dr.rehearsal.resolve;

/**
 * Where one region's local stand-ins listen, for the values AWS would fill in at deploy time there: the region's
 * own database instance's and the replication group's endpoint addresses, and the identity provider's issuer and
 * key-set URLs.
 */
public record LocalEndpoints(String databaseAddress, String cacheAddress, String issuerUri, String jwksUri) {}
