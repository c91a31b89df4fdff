package io.drplatform.tco.migrate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Context for the migrate command: auto-configuration only (Flyway runs as the context starts). */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MigrateApplication {}
