package org.ledger.query.audit;

import java.time.Instant;
import java.util.List;

/** The audit log's filters; null or empty means "any". {@code to} is exclusive. */
public record AuditLogFilter(String user, String unit, List<String> types, Instant from, Instant to,
                             String aggregateId) {
}
