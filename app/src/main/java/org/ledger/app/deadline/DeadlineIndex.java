package org.ledger.app.deadline;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code deadline_index} table (Flyway V11): which scheduled deadline belongs to which scope and deadline name.
 * It exists so that cancelling a scope's deadlines reads only that scope's schedules, where Axon's
 * {@code DbSchedulerDeadlineManager} reads and deserializes every pending deadline. The statements run through a
 * {@link JdbcTemplate}, so inside a command they join the command's (Spring-managed) transaction: a command that
 * rolls back leaves no row behind.
 */
class DeadlineIndex {

    private final JdbcTemplate jdbc;

    DeadlineIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new schedule; a schedule is scheduled once, so its row cannot exist yet. */
    void record(String scheduleId, String deadlineName, String scope) {
        jdbc.update("insert into deadline_index (schedule_id, deadline_name, scope) values (?, ?, ?)",
                scheduleId, deadlineName, scope);
    }

    /**
     * Records a schedule unless it is recorded already: several nodes starting at once may index the same
     * pre-existing deadline, and the second must not fail its start.
     */
    void recordIfAbsent(String scheduleId, String deadlineName, String scope) {
        try {
            jdbc.update("insert into deadline_index (schedule_id, deadline_name, scope) select ?, ?, ? "
                    + "where not exists (select 1 from deadline_index where schedule_id = ?)",
                    scheduleId, deadlineName, scope, scheduleId);
        } catch (DuplicateKeyException insertedByAnotherNode) {
            // the other node's row says the same
        }
    }

    List<String> scheduleIds(String scope, String deadlineName) {
        return jdbc.queryForList("select schedule_id from deadline_index where scope = ? and deadline_name = ?",
                String.class, scope, deadlineName);
    }

    void forget(String scheduleId) {
        jdbc.update("delete from deadline_index where schedule_id = ?", scheduleId);
    }

    void forgetAll(String scope, String deadlineName) {
        jdbc.update("delete from deadline_index where scope = ? and deadline_name = ?", scope, deadlineName);
    }

    void forgetAll(String deadlineName) {
        jdbc.update("delete from deadline_index where deadline_name = ?", deadlineName);
    }

    /** The scheduled deadlines (of the given db-scheduler tasks) that have no row here. */
    List<String> unindexed(Collection<String> taskNames) {
        return jdbc.queryForList("select task_instance from scheduled_tasks where task_name in (" + placeholders(taskNames)
                + ") and task_instance not in (select schedule_id from deadline_index)", String.class,
                taskNames.toArray());
    }

    /** Removes the rows whose schedule no longer exists (it fired, possibly while this node was down). */
    int forgetGone(Collection<String> taskNames) {
        return jdbc.update("delete from deadline_index where schedule_id not in (select task_instance "
                + "from scheduled_tasks where task_name in (" + placeholders(taskNames) + "))", taskNames.toArray());
    }

    private static String placeholders(Collection<String> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }
}
