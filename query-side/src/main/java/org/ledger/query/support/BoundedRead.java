package org.ledger.query.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.transaction.annotation.Transactional;

/**
 * A read-only transaction with a time bound, {@code ledger.limits.query-timeout-seconds} (default 10): every
 * statement it runs, through JPA or JdbcTemplate, gets the time left as its JDBC query timeout, so a read that
 * would keep the database busy longer is cancelled by the database itself and the app answers 503 with
 * {@code Retry-After} (README, "Limits"). Put it where the query side reads for a request: one list page, one
 * export chunk, one statistics table. Projections (which write) and the integrity check (a deliberate full scan,
 * ADMIN only) are not bounded.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Transactional(readOnly = true, timeoutString = BoundedRead.TIMEOUT)
public @interface BoundedRead {

    /** Whole seconds, as Spring's transaction timeouts are. */
    String TIMEOUT = "${ledger.limits.query-timeout-seconds:10}";
}
