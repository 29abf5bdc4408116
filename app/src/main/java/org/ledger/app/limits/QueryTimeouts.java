package org.ledger.app.limits;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Recognises a read that ran out of its time bound ({@code ledger.limits.query-timeout-seconds}), however the layers
 * between the JDBC driver and the controller wrapped it: Spring's {@link QueryTimeoutException} (translated
 * repositories, JdbcTemplate), JPA's {@code jakarta.persistence.QueryTimeoutException}, Hibernate's, Spring's
 * {@link TransactionTimedOutException} and Hibernate's "transaction timeout expired" (the deadline passed before
 * the next statement), a driver's
 * {@link SQLTimeoutException} (H2), or SQL state 57014 "query_canceled" (PostgreSQL cancels a statement that ran
 * past {@code setQueryTimeout} with it).
 */
public final class QueryTimeouts {

    /** SQL state of a statement cancelled by its query timeout (PostgreSQL; H2 uses it as its error code too). */
    private static final String QUERY_CANCELED = "57014";

    /** Hibernate's message when the transaction's deadline passed before it prepared the next statement. */
    private static final String HIBERNATE_EXPIRED = "transaction timeout expired";

    private QueryTimeouts() {
    }

    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof QueryTimeoutException || t instanceof TransactionTimedOutException
                    || t instanceof jakarta.persistence.QueryTimeoutException
                    || t instanceof org.hibernate.QueryTimeoutException
                    || t instanceof SQLTimeoutException
                    || t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())
                    // Hibernate's own check of the transaction deadline before a statement
                    || t instanceof org.hibernate.TransactionException && HIBERNATE_EXPIRED.equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The detail a client reads in the 503 answer. */
    public static String detail(int seconds) {
        return "The ledger database could not answer within " + seconds + " s (ledger.limits.query-timeout-seconds); "
                + "nothing is wrong with the request. Retry later, or narrow the filters.";
    }
}
