package io.drplatform.manifest.model;

/**
 * The application's public name. The hosted zone is named by id so synthesis never looks it up
 * (and therefore needs no AWS account).
 */
public record Dns(String hostedZoneName, String hostedZoneId, String domainName) {}
