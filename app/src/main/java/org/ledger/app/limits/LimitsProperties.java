package org.ledger.app.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The request limits of {@code ledger.limits.*} (application.yml says why each value): what one request may send,
 * how long one read may keep the database busy, and how fast one user may write.
 *
 * @param requestBody        largest body of a non-multipart request (JSON); beyond it 413. Multipart uploads have
 *                           their own limit, {@code ledger.evidence.max-size}.
 * @param queryTimeoutSeconds how long a read transaction of the query side may run, in whole seconds (Spring's
 *                           transaction timeouts are seconds); beyond it 503 with {@code Retry-After}. The query side
 *                           reads the same property through {@code org.ledger.query.support.BoundedRead}.
 * @param writes             the per-user rate limit on writes
 */
@ConfigurationProperties("ledger.limits")
public record LimitsProperties(
        @DefaultValue("256KB") DataSize requestBody,
        @DefaultValue("10") int queryTimeoutSeconds,
        @DefaultValue Writes writes) {

    /**
     * A token bucket per user: {@code burst} writes at once, refilled smoothly at {@code rate} writes per
     * {@code period}. A rate of 0 switches the limit off.
     */
    public record Writes(
            @DefaultValue("20") long rate,
            @DefaultValue("1s") Duration period,
            @DefaultValue("100") long burst) {

        public boolean enabled() {
            return rate > 0;
        }
    }

    public LimitsProperties {
        if (requestBody.toBytes() < 1) {
            throw new IllegalArgumentException("ledger.limits.request-body must be positive");
        }
        if (queryTimeoutSeconds < 1) {
            throw new IllegalArgumentException("ledger.limits.query-timeout-seconds must be 1 or more");
        }
        if (writes.enabled() && (writes.burst() < 1 || writes.period().isZero() || writes.period().isNegative())) {
            throw new IllegalArgumentException(
                    "ledger.limits.writes: burst must be 1 or more and period positive when rate is above 0");
        }
    }
}
