package org.ledger.app.deadline;

import java.time.Clock;
import java.time.Instant;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager, except that it cancels a scope's deadlines through an index instead of
 * reading every pending deadline, that cancelling a deadline which is firing or has fired is not an error, and that
 * a deadline already due when it is scheduled fires as soon as its command has committed.
 *
 * <p><b>Index.</b> Every rectification and agreement command that moves or ends warnings calls
 * {@code cancelAllWithinScope}. Axon's implementation fetches and deserializes all scheduled deadlines of all items
 * and filters them in memory, so each such command cost grew with the number of open items (issue 9: ~20% of the
 * command path's CPU with ~300 items). Here each schedule records its scope and name in {@link DeadlineIndex}, in
 * the command's transaction, and a cancel reads only that scope's schedule ids and cancels each one. A deadline
 * that fired leaves its index row until the next cancel of its scope (or the next start-up, see
 * {@link DeadlineIndexBackfill}); cancelling it then finds nothing, which is tolerated like below.
 *
 * <p><b>Tolerance.</b> Closing an item cancels its warning deadlines when the command commits. If db-scheduler is
 * running one of them at that moment (a warning already due when it was scheduled fires right away), its cancel
 * finds the execution picked or already gone and throws — and the closure, a perfectly valid command, would fail
 * with it. Such a deadline needs no cancelling: its handler ignores warnings for an item that is no longer in
 * progress or whose deadline has moved. So those three db-scheduler outcomes are logged and ignored on cancel;
 * scheduling, and every database error, fail as before.
 *
 * <p><b>Due at once.</b> A warning can be due when it is scheduled (an item approved five days before its deadline is
 * YELLOW at once). db-scheduler's immediate execution wakes its poller as soon as the row is inserted — inside the
 * command's transaction, so the poller's query, on another connection, does not see the row yet, and the warning
 * waited for the next poll (10 s; a trace of {@code AsOfReadsTest} showed both of its warnings fire 10.0 s after
 * their commands). So a deadline due at scheduling asks the scheduler to poll once more when the unit of work has
 * committed. A deadline due later is found by the regular polls, as before.
 */
class CancellationTolerantDeadlineManager extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(CancellationTolerantDeadlineManager.class);

    private final DeadlineIndex index;
    private final Scheduler scheduler;
    private final Clock clock;

    /** True while a cancel method registers its work, so that only that work is made tolerant. */
    private final ThreadLocal<Boolean> registeringCancellation = ThreadLocal.withInitial(() -> false);

    /**
     * @param scheduler the scheduler the builder was given, asked to poll after a commit that scheduled a due deadline
     * @param clock     the application's clock, which db-scheduler also reads to decide what is due
     */
    CancellationTolerantDeadlineManager(Builder builder, DeadlineIndex index, Scheduler scheduler, Clock clock) {
        super(builder);
        this.index = index;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Schedules as Axon does (the db-scheduler row is written when the unit of work prepares its commit) and records
     * the schedule in the index at once, in the current transaction: a cancel later in the same command finds it,
     * and a command that rolls back leaves neither row. A deadline already due has the scheduler poll once the unit
     * of work has committed (after a rollback it does not). (The shorter {@code schedule} overloads end up here.)
     */
    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        String scheduleId = super.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        index.record(scheduleId, deadlineName, deadlineScope.scopeDescription());
        if (!triggerDateTime.isAfter(clock.instant())) {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> scheduler.triggerCheckForDueExecutions());
            } else {
                scheduler.triggerCheckForDueExecutions();
            }
        }
        return scheduleId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        cancelling(() -> super.cancelSchedule(deadlineName, scheduleId));
        index.forget(scheduleId);
    }

    /** Rare (no command of ours uses it), so Axon's full scan is kept; the index forgets the name's rows. */
    @Override
    public void cancelAll(String deadlineName) {
        cancelling(() -> super.cancelAll(deadlineName));
        index.forgetAll(deadlineName);
    }

    /**
     * Cancels the schedules the index records for this scope and name, each through {@link #cancelSchedule}, so a
     * deadline that fired meanwhile (its index row is stale) or is firing is tolerated.
     */
    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        String scopeKey = scope.scopeDescription();
        for (String scheduleId : index.scheduleIds(scopeKey, deadlineName)) {
            cancelling(() -> super.cancelSchedule(deadlineName, scheduleId));
        }
        index.forgetAll(scopeKey, deadlineName);
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
            } catch (TaskInstanceNotFoundException alreadyFired) {
                // the normal case of a stale index row: the deadline fired and db-scheduler removed it
                log.debug("Deadline not cancelled because it has already fired: {}", alreadyFired.getMessage());
            } catch (TaskInstanceCurrentlyExecutingException | ExecutionException firing) {
                log.info("Deadline not cancelled because it is firing; its handler ignores it: {}",
                        firing.getMessage());
            }
        });
    }
}
