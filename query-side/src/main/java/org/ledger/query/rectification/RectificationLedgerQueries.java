package org.ledger.query.rectification;

import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.query.support.LedgerPaging;
import org.ledger.query.support.PageAnswer;
import org.ledger.query.support.TextSearch;
import org.ledger.query.support.Validity;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the rectification ledger. {@code asOf} null reads the current ledger with "today" from the clock; an
 * instant reads the ledger as it was then, with overdue and days left as they were on that day.
 */
@Service
@Transactional(readOnly = true)
public class RectificationLedgerQueries {

    /** Sortable properties of the rectification ledger: API name → entity attribute. */
    public static final LedgerPaging PAGING = new LedgerPaging(Map.ofEntries(
            Map.entry("id", "rectificationId"),
            Map.entry("issueId", "issueId"),
            Map.entry("effectiveDeadline", "effectiveDeadline"),
            Map.entry("originalDeadline", "originalDeadline"),
            Map.entry("plannedAt", "plannedAt"),
            Map.entry("updatedAt", "updatedAt"),
            Map.entry("status", "status"),
            Map.entry("type", "type"),
            Map.entry("ownerUnitId", "ownerUnitId"),
            Map.entry("issueSource", "issueSource"),
            Map.entry("progressPercent", "progressPercent"),
            Map.entry("closedOn", "closedOn")),
            Sort.by(Sort.Order.asc("effectiveDeadline")), "rectificationId");

    private static final List<RectificationStatus> SETTLED = List.of(RectificationStatus.CLOSED,
            RectificationStatus.ONGOING);

    private final RectificationLedgerRepository rows;
    private final Clock clock;

    public RectificationLedgerQueries(RectificationLedgerRepository rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    public PageAnswer<RectificationLedgerEntry> list(RectificationLedgerFilter filter, Pageable pageable,
                                                     Instant asOf) {
        LocalDate today = today(asOf);
        Specification<RectificationLedgerRow> spec = Validity.<RectificationLedgerRow>at(asOf)
                .and(matching(filter, today));
        return PageAnswer.of(rows.findAll(spec, pageable), row -> RectificationLedgerEntry.of(row, today));
    }

    public Optional<RectificationLedgerEntry> find(String rectificationId, Instant asOf) {
        LocalDate today = today(asOf);
        Specification<RectificationLedgerRow> byId =
                (root, query, cb) -> cb.equal(root.get("rectificationId"), rectificationId);
        return rows.findOne(Validity.<RectificationLedgerRow>at(asOf).and(byId))
                .map(row -> RectificationLedgerEntry.of(row, today));
    }

    /** The day overdue is judged on: today, or the day of {@code asOf}, in the clock's zone. */
    LocalDate today(Instant asOf) {
        return LocalDate.ofInstant(asOf == null ? clock.instant() : asOf, clock.getZone());
    }

    static Specification<RectificationLedgerRow> matching(RectificationLedgerFilter f, LocalDate today) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (f.unitId() != null && !f.unitId().isBlank()) {
                where.add(cb.equal(root.get("ownerUnitId"), f.unitId()));
            }
            if (f.issueId() != null && !f.issueId().isBlank()) {
                where.add(cb.equal(root.get("issueId"), f.issueId()));
            }
            if (f.statuses() != null && !f.statuses().isEmpty()) {
                where.add(root.get("status").in(f.statuses()));
            }
            if (f.source() != null) {
                where.add(cb.equal(root.get("issueSource"), f.source()));
            }
            if (f.type() != null) {
                where.add(cb.equal(root.get("type"), f.type()));
            }
            if (f.deadlineFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("effectiveDeadline"), f.deadlineFrom()));
            }
            if (f.deadlineTo() != null) {
                where.add(cb.lessThanOrEqualTo(root.get("effectiveDeadline"), f.deadlineTo()));
            }
            if (f.q() != null && !f.q().isBlank()) {
                String pattern = TextSearch.pattern(f.q());
                where.add(cb.or(TextSearch.contains(cb, root.get("measure"), pattern),
                        TextSearch.contains(cb, root.get("issueTitle"), pattern)));
            }
            if (f.overdue() != null) {
                Predicate overdue = cb.and(
                        cb.lessThan(root.get("effectiveDeadline"), today),
                        cb.not(root.get("status").in(SETTLED)));
                where.add(f.overdue() ? overdue : cb.not(overdue));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
