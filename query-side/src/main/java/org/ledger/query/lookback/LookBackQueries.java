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
import org.ledger.query.lookback.LookBackReport.SampledItem;
import org.ledger.query.support.PageAnswer;
import org.ledger.query.support.PageAnswer.PageMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the look-back report tables. */
@Component
class LookBackQueries {

    private static final String COLUMNS = "id, version, name, status, unit_ids, closed_from, closed_to, "
            + "sampling_mode, sampling_value, seed, candidate_count, confirmed, rebounded, new_issues, summary, "
            + "opened_by, opened_at, completed_at";

    private final JdbcTemplate jdbc;

    LookBackQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LookBackReport> find(String id) {
        return jdbc.query("select " + COLUMNS + " from look_back where id = ?", (rs, row) -> report(rs), id)
                .stream().findFirst();
    }

    PageAnswer<LookBackReport> list(LookBackStatus status, int page, int size) {
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
