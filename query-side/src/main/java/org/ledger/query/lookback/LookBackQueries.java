package org.ledger.query.lookback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ledger.kernel.lookback.CheckOutcome;
import org.ledger.kernel.lookback.LookBackStatus;
import org.ledger.kernel.lookback.SamplingMode;
import org.ledger.query.access.ReadScope;
import org.ledger.query.access.ReadScopes;
import org.ledger.query.lookback.LookBackReport.SampledItem;
import org.ledger.query.support.BoundedRead;
import org.ledger.query.support.PageAnswer;
import org.ledger.query.support.PageAnswer.PageMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the look-back report tables. Read access (DESIGN.md §6): a look-back is visible only when every one of
 * its units is in the reader's scope — its sample draws items from all of them, so seeing it with only some units
 * in scope would show items of units the reader may not see (the same all-units rule as running one).
 */
@Component
@BoundedRead
public class LookBackQueries {

    private static final String COLUMNS = "id, version, name, status, unit_ids, closed_from, closed_to, "
            + "sampling_mode, sampling_value, seed, candidate_count, confirmed, rebounded, new_issues, summary, "
            + "opened_by, opened_at, completed_at";

    private final JdbcTemplate jdbc;
    private final ReadScopes scopes;

    LookBackQueries(JdbcTemplate jdbc, ReadScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    Optional<LookBackReport> find(String id) {
        ReadScope scope = scopes.current();
        return jdbc.query("select " + COLUMNS + " from look_back where id = ?", (rs, row) -> report(rs), id)
                .stream().filter(report -> scope.coversAll(report.unitIds())).findFirst();
    }

    /** Whether the look-back exists and the current reader may see it. */
    public boolean visible(String id) {
        return find(id).isPresent();
    }

    PageAnswer<LookBackReport> list(LookBackStatus status, int page, int size) {
        ReadScope scope = scopes.current();
        if (!scope.all()) {
            return scopedList(status, page, size, scope);
        }
        String where = status == null ? "" : " where status = ?";
        Object[] filter = status == null ? new Object[0] : new Object[] {status.name()};
        Long total = jdbc.queryForObject("select count(*) from look_back" + where, Long.class, filter);
        long totalElements = total == null ? 0 : total;
        Object[] args = Arrays.copyOf(filter, filter.length + 2);
        args[filter.length] = size;
        args[filter.length + 1] = (long) page * size;
        List<LookBackReport> content = jdbc.query("select " + COLUMNS + " from look_back" + where
                + " order by opened_at desc, id limit ? offset ?", (rs, row) -> report(rs), args);
        int totalPages = (int) ((totalElements + size - 1) / size);
        return new PageAnswer<>(content, new PageMetadata(size, page, totalElements, totalPages));
    }

    /** Look-backs are few (a handful a year): pick the visible ones in memory, then read the page's reports. */
    private PageAnswer<LookBackReport> scopedList(LookBackStatus status, int page, int size, ReadScope scope) {
        String where = status == null ? "" : " where status = ?";
        Object[] filter = status == null ? new Object[0] : new Object[] {status.name()};
        List<String> visible = jdbc.query("select id, unit_ids from look_back" + where
                        + " order by opened_at desc, id", (rs, row) -> {
                    String units = rs.getString("unit_ids");
                    List<String> unitIds = units == null || units.isEmpty() ? List.of() : List.of(units.split(","));
                    return scope.coversAll(unitIds) ? rs.getString("id") : null;
                }, filter).stream().filter(java.util.Objects::nonNull).toList();
        long from = Math.min((long) page * size, visible.size());
        long to = Math.min(from + size, visible.size());
        List<LookBackReport> content = visible.subList((int) from, (int) to).stream()
                .flatMap(id -> jdbc.query("select " + COLUMNS + " from look_back where id = ?",
                        (rs, row) -> report(rs), id).stream())
                .toList();
        int totalPages = (visible.size() + size - 1) / size;
        return new PageAnswer<>(content, new PageMetadata(size, page, visible.size(), totalPages));
    }

    private LookBackReport report(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        List<SampledItem> sample = jdbc.query("select rectification_id, outcome, finding, new_deadline, "
                        + "new_issue_id, checked_by, checked_on from look_back_sample where look_back_id = ? "
                        + "order by rectification_id",
                (row, n) -> new SampledItem(row.getString(1),
                        row.getString(2) == null ? null : CheckOutcome.valueOf(row.getString(2)),
                        row.getString(3), row.getObject(4, LocalDate.class), row.getString(5), row.getString(6),
                        row.getObject(7, LocalDate.class)),
                id);
        List<String> reopened = sample.stream().filter(item -> item.outcome() == CheckOutcome.REBOUNDED)
                .map(SampledItem::rectificationId).toList();
        List<String> newIssues = sample.stream().filter(item -> item.outcome() == CheckOutcome.NEW_ISSUE)
                .map(SampledItem::newIssueId).toList();
        int unchecked = (int) sample.stream().filter(item -> item.outcome() == null).count();
        String units = rs.getString("unit_ids");
        return new LookBackReport(id, rs.getLong("version"), rs.getString("name"),
                LookBackStatus.valueOf(rs.getString("status")),
                units == null || units.isEmpty() ? List.of() : List.of(units.split(",")),
                rs.getObject("closed_from", LocalDate.class), rs.getObject("closed_to", LocalDate.class),
                SamplingMode.valueOf(rs.getString("sampling_mode")), rs.getInt("sampling_value"),
                rs.getLong("seed"), rs.getInt("candidate_count"), sample, rs.getInt("confirmed"),
                rs.getInt("rebounded"), rs.getInt("new_issues"), unchecked, reopened, newIssues,
                rs.getString("summary"), rs.getString("opened_by"), instant(rs.getTimestamp("opened_at")),
                instant(rs.getTimestamp("completed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
