package io.drplatform.tco.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a refused start as exactly one ERROR line, without a stack trace or the failure-analysis banner, in
 * whatever log format is configured. Spring Boot then exits non-zero without printing the exception again.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupRefusedReporter implements SpringBootExceptionReporter {
    private static final Logger log = LoggerFactory.getLogger(StartupRefusedReporter.class);

    @Override
    public boolean reportException(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof StartupRefusedException refused) {
                log.error("refusing to start: {}", refused.getMessage());
                return true;
            }
        }
        return false;
    }
}
