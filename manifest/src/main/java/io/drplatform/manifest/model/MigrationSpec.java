package io.drplatform.manifest.model;

import java.util.List;

/**
 * A schema migration the platform runs before a new version of the service takes traffic: a one-off task with the
 * service's image and this command, in the region that holds the writable database. It connects with the database's
 * owner credentials and provisions the service's own, least-privileged user. Migrations must be expand-only (the
 * new schema works with the code still running), since the old tasks serve until the new ones are healthy.
 *
 * @param command the container command, e.g. {@code [migrate]} for an image whose entry point is the service
 */
public record MigrationSpec(List<String> command) {}
