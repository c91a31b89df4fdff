package io.drplatform.tco.resilience;

import io.drplatform.tco.calculator.InvalidInputException;
import io.drplatform.tco.problem.ApiException;
import io.r2dbc.spi.R2dbcException;

/** Classifies PostgreSQL failures: which are the database being read-only, which are worth a retry. */
public final class DatabaseErrors {
    /** SQLSTATE read_only_sql_transaction: a write reached a hot standby or a demoted primary. */
    public static final String READ_ONLY_SQL_STATE = "25006";

    private DatabaseErrors() {}

    public static boolean isReadOnly(Throwable t) {
        return hasSqlState(t, READ_ONLY_SQL_STATE);
    }

    /** Whether PostgreSQL answered with this SQLSTATE anywhere in the failure's cause chain. */
    public static boolean hasSqlState(Throwable t, String sqlState) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof R2dbcException r && sqlState.equals(r.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** Answers and client errors are not dependency failures: the breaker must not count them. */
    public static boolean isNotAFailure(Throwable t) {
        return t instanceof ApiException || t instanceof InvalidInputException || isReadOnly(t);
    }
}
