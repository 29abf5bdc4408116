package org.ledger.app.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * it — closing an item whose overdue warning fired a moment earlier is a valid command.
 */
class DeadlineCancellationTest extends AppTestSupport {

    @Autowired
    DeadlineManager deadlines;

    @Autowired
    TransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

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
