package org.ledger.app.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cancelling a deadline that db-scheduler has already run (or is running) must not fail the command that cancels
 * it — closing an item whose overdue warning fired a moment earlier is a valid command. And cancelling a scope's
 * deadlines goes through the deadline index (issue 9), which must cancel exactly that scope's deadlines of that name,
 * follow the command's transaction, and be brought up to date at start-up for deadlines scheduled before it existed.
 */
class DeadlineCancellationTest extends AppTestSupport {

    @Autowired
    DeadlineManager deadlines;

    @Autowired
    TransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeadlineIndexBackfill backfill;

    @Test
    void cancellingADeadlineThatIsFiringIsNotAnError() {
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor("RectificationItem", "rect-cancel-test");
        AtomicReference<String> scheduleId = new AtomicReference<>();
        inTransaction(() -> scheduleId.set(deadlines.schedule(Instant.now().plus(30, ChronoUnit.DAYS),
                "cancel-test", "payload", scope)));
        assertThat(count(scheduleId.get())).isEqualTo(1);

        // db-scheduler picks it up to run it at this very moment (as it does with a deadline already due)
        jdbc.update("update scheduled_tasks set picked = true, picked_by = 'another-node', version = version + 1 "
                + "where task_instance = ?", scheduleId.get());

        assertThatCode(() -> inTransaction(() -> deadlines.cancelSchedule("cancel-test", scheduleId.get())))
                .doesNotThrowAnyException();
        assertThatCode(() -> inTransaction(() -> deadlines.cancelAllWithinScope("cancel-test", scope)))
                .doesNotThrowAnyException();

        // once it has run, its row is gone; cancelling again is just as harmless
        jdbc.update("delete from scheduled_tasks where task_instance = ?", scheduleId.get());
        assertThatCode(() -> inTransaction(() -> deadlines.cancelSchedule("cancel-test", scheduleId.get())))
                .doesNotThrowAnyException();
    }

    @Test
    void aDeadlineThatHasNotFiredIsReallyCancelled() {
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor("RectificationItem", "rect-cancel-test-2");
        AtomicReference<String> scheduleId = new AtomicReference<>();
        inTransaction(() -> scheduleId.set(deadlines.schedule(Instant.now().plus(30, ChronoUnit.DAYS),
                "cancel-test", "payload", scope)));

        inTransaction(() -> deadlines.cancelAllWithinScope("cancel-test", scope));

        assertThat(count(scheduleId.get())).isZero();
    }

    @Test
    void cancellingAScopesDeadlinesCancelsExactlyThatScopesDeadlinesOfThatName() {
        AggregateScopeDescriptor a = new AggregateScopeDescriptor("RectificationItem", "rect-index-a");
        AggregateScopeDescriptor b = new AggregateScopeDescriptor("RectificationItem", "rect-index-b");
        String an1 = scheduleLater("index-n", a);
        String an2 = scheduleLater("index-n", a);
        String am = scheduleLater("index-m", a);
        String bn = scheduleLater("index-n", b);

        inTransaction(() -> deadlines.cancelAllWithinScope("index-n", a));

        assertThat(count(an1)).isZero();
        assertThat(count(an2)).isZero();
        assertThat(indexed(an1)).isZero();
        assertThat(indexed(an2)).isZero();
        assertThat(count(am)).isEqualTo(1);
        assertThat(count(bn)).isEqualTo(1);
        assertThat(indexed(am)).isEqualTo(1);
        assertThat(indexed(bn)).isEqualTo(1);
    }

    @Test
    void aCommandThatRollsBackAfterSchedulingLeavesNoDeadlineAndNoIndexRow() {
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor("RectificationItem", "rect-index-rollback");
        AtomicReference<String> scheduleId = new AtomicReference<>();

        assertThatThrownBy(() -> inTransaction(() -> {
            scheduleId.set(deadlines.schedule(Instant.now().plus(365, ChronoUnit.DAYS), "index-n", "payload", scope));
            assertThat(indexed(scheduleId.get())).as("recorded inside the command's transaction").isEqualTo(1);
            throw new IllegalStateException("the command fails after scheduling");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(count(scheduleId.get())).isZero();
        assertThat(indexed(scheduleId.get())).isZero();
    }

    @Test
    void theStartUpStepIndexesDeadlinesScheduledBeforeTheIndexAndForgetsFiredOnes() {
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor("ResponsibilityAgreement", "agr-index-upgrade");
        String old = scheduleLater("index-n", scope);
        jdbc.update("delete from deadline_index where schedule_id = ?", old); // as if scheduled before the upgrade
        String fired = scheduleLater("index-n", scope);
        jdbc.update("delete from scheduled_tasks where task_instance = ?", fired); // as if it fired while down

        DeadlineIndexBackfill.Result result = backfill.indexUnindexedDeadlines();

        assertThat(result.indexed()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("select deadline_name || ' ' || scope from deadline_index where schedule_id = ?",
                String.class, old)).isEqualTo(List.of("index-n " + scope.scopeDescription()));
        assertThat(indexed(fired)).isZero();
        assertThat(backfill.indexUnindexedDeadlines().indexed()).as("nothing left to index").isZero();

        inTransaction(() -> deadlines.cancelAllWithinScope("index-n", scope));

        assertThat(count(old)).isZero();
    }

    private String scheduleLater(String name, AggregateScopeDescriptor scope) {
        AtomicReference<String> scheduleId = new AtomicReference<>();
        inTransaction(() -> scheduleId.set(deadlines.schedule(Instant.now().plus(365, ChronoUnit.DAYS), name,
                "payload", scope)));
        assertThat(count(scheduleId.get())).isEqualTo(1);
        return scheduleId.get();
    }

    private long indexed(String scheduleId) {
        Long count = jdbc.queryForObject("select count(*) from deadline_index where schedule_id = ?", Long.class,
                scheduleId);
        return count == null ? 0 : count;
    }

    private long count(String instance) {
        Long count = jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Long.class,
                instance);
        return count == null ? 0 : count;
    }

    private void inTransaction(Runnable work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        try {
            work.run();
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
    }
}
