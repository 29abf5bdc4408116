package org.ledger.app.deadline;

import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager, except that cancelling a deadline which is firing or has just fired is
 * not an error.
 *
 * <p>Closing an item cancels its warning deadlines when the command commits. If db-scheduler is running one of them
 * at that moment (a warning already due when it was scheduled fires right away), its cancel finds the execution
 * picked or already gone and throws — and the closure, a perfectly valid command, would fail with it. Such a
 * deadline needs no cancelling: its handler ignores warnings for an item that is no longer in progress or whose
 * deadline has moved. So those three db-scheduler outcomes are logged and ignored on cancel; scheduling, and every
 * database error, fail as before.
 */
class CancellationTolerantDeadlineManager extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(CancellationTolerantDeadlineManager.class);

    /** True while a cancel method registers its work, so that only that work is made tolerant. */
    private final ThreadLocal<Boolean> registeringCancellation = ThreadLocal.withInitial(() -> false);

    CancellationTolerantDeadlineManager(Builder builder) {
        super(builder);
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        cancelling(() -> super.cancelSchedule(deadlineName, scheduleId));
    }

    @Override
    public void cancelAll(String deadlineName) {
        cancelling(() -> super.cancelAll(deadlineName));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        cancelling(() -> super.cancelAllWithinScope(deadlineName, scope));
    }

    private void cancelling(Runnable registration) {
        registeringCancellation.set(true);
        try {
            registration.run();
        } finally {
            registeringCancellation.set(false);
        }
    }

    @Override
    protected void runOnPrepareCommitOrNow(Runnable task) {
        if (!registeringCancellation.get()) {
            super.runOnPrepareCommitOrNow(task);
            return;
        }
        super.runOnPrepareCommitOrNow(() -> {
            try {
                task.run();
            } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException
                     | ExecutionException alreadyFiring) {
                log.info("Deadline not cancelled because it is firing or has fired; its handler ignores it: {}",
                        alreadyFiring.getMessage());
            }
        });
    }
}
