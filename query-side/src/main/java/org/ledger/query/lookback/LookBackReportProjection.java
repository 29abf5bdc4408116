package org.ledger.query.lookback;

import java.time.Instant;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.ledger.kernel.lookback.LookBackEvents.CheckRecorded;
import org.ledger.kernel.lookback.LookBackEvents.LookBackCompleted;
import org.ledger.kernel.lookback.LookBackEvents.LookBackOpened;
import org.ledger.kernel.lookback.LookBackEvents.SampleDrawn;
import org.ledger.kernel.lookback.LookBackId;
import org.ledger.kernel.lookback.LookBackStatus;
import org.ledger.kernel.unit.UnitId;
import org.ledger.query.support.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The look-back report (回头看台账): each campaign with its scope, its sample and every check's outcome. Tables
 * {@code look_back} and {@code look_back_sample} belong to it alone; a rebuild starts from empty tables.
 */
@Component
@ProcessingGroup(ProjectionNames.LOOK_BACK_REPORT)
class LookBackReportProjection {

    private final JdbcTemplate jdbc;

    LookBackReportProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LookBackOpened event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (exists(event.lookBackId())) {
            return;
        }
        jdbc.update("insert into look_back (id, version, name, status, unit_ids, closed_from, closed_to, "
                        + "sampling_mode, sampling_value, seed, opened_by, opened_at, updated_at, candidate_count, "
                        + "sample_size, confirmed, rebounded, new_issues) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0)",
                event.lookBackId().value(), seq, event.name(), LookBackStatus.OPENED.name(),
                event.unitIds().stream().map(UnitId::value).collect(Collectors.joining(",")),
                event.closedFrom(), event.closedTo(), event.samplingMode().name(), event.samplingValue(),
                event.seed(), event.openedBy(), java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(SampleDrawn event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!advance(event.lookBackId(), seq, at)) {
            return;
        }
        jdbc.update("update look_back set status = ?, candidate_count = ?, sample_size = ? where id = ?",
                LookBackStatus.SAMPLED.name(), event.candidates().size(), event.sample().size(),
                event.lookBackId().value());
        for (var item : event.sample()) {
            jdbc.update("insert into look_back_sample (look_back_id, rectification_id) values (?, ?)",
                    event.lookBackId().value(), item.value());
        }
    }

    @EventHandler
    void on(CheckRecorded event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!advance(event.lookBackId(), seq, at)) {
            return;
        }
        jdbc.update("update look_back_sample set outcome = ?, finding = ?, new_deadline = ?, new_issue_id = ?, "
                        + "checked_by = ?, checked_on = ? where look_back_id = ? and rectification_id = ?",
                event.outcome().name(), event.finding(), event.newDeadline(),
                event.newIssueId() == null ? null : event.newIssueId().value(), event.checkedBy(),
                event.checkedOn(), event.lookBackId().value(), event.rectificationId().value());
        String counter = switch (event.outcome()) {
            case CONFIRMED -> "confirmed";
            case REBOUNDED -> "rebounded";
            case NEW_ISSUE -> "new_issues";
        };
        jdbc.update("update look_back set " + counter + " = " + counter + " + 1 where id = ?",
                event.lookBackId().value());
    }

    @EventHandler
    void on(LookBackCompleted event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!advance(event.lookBackId(), seq, at)) {
            return;
        }
        jdbc.update("update look_back set status = ?, summary = ?, completed_at = ? where id = ?",
                LookBackStatus.COMPLETED.name(), event.summary(), java.sql.Timestamp.from(at), event.lookBackId().value());
    }

    @ResetHandler
    void reset() {
        // TRUNCATE, not DELETE: ProjectionStatus explains why.
        jdbc.update("truncate table look_back_sample");
        jdbc.update("truncate table look_back");
    }

    private boolean exists(LookBackId id) {
        Integer count = jdbc.queryForObject("select count(*) from look_back where id = ?", Integer.class, id.value());
        return count != null && count > 0;
    }

    /** Moves the campaign's version to {@code seq}; false when the event was already applied (idempotence). */
    private boolean advance(LookBackId id, long seq, Instant at) {
        return jdbc.update("update look_back set version = ?, updated_at = ? where id = ? and version < ?",
                seq, java.sql.Timestamp.from(at), id.value(), seq) == 1;
    }
}
