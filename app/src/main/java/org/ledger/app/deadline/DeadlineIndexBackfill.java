package org.ledger.app.deadline;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Brings the deadline index (see {@link CancellationTolerantDeadlineManager}) up to date once at start-up, after the
 * context is ready. Deadlines scheduled before the index existed (an upgrade) have no row, so a cancel would miss
 * them: they are read from db-scheduler, their scope deserialized with the manager's serializer, and indexed.
 * Rows of deadlines that fired while the application was down are removed. When nothing is missing this is one
 * query and one delete. Several nodes may do it at the same moment: a row another node has just written is skipped.
 */
class DeadlineIndexBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DeadlineIndexBackfill.class);

    private final Scheduler scheduler;
    private final Serializer serializer;
    private final DeadlineIndex index;

    /** db-scheduler's task names of Axon's deadlines (binary and human-readable; both "AxonDeadline" in 4.13). */
    private final Set<String> taskNames = new LinkedHashSet<>(List.of(
            DbSchedulerDeadlineManager.binaryTask(() -> null).getName(),
            DbSchedulerDeadlineManager.humanReadableTask(() -> null).getName()));

    DeadlineIndexBackfill(Scheduler scheduler, Serializer serializer, DeadlineIndex index) {
        this.scheduler = scheduler;
        this.serializer = serializer;
        this.index = index;
    }

    @Override
    public void run(ApplicationArguments args) {
        indexUnindexedDeadlines();
    }

    /** Indexes the scheduled deadlines without an index row and forgets the rows of gone ones; answers how many. */
    Result indexUnindexedDeadlines() {
        Set<String> missing = new HashSet<>(index.unindexed(taskNames));
        int indexed = 0;
        if (!missing.isEmpty()) {
            int[] count = {0};
            for (String taskName : taskNames) {
                scheduler.fetchScheduledExecutionsForTask(taskName, Object.class, ScheduledExecutionsFilter.all(),
                        execution -> {
                            if (missing.contains(execution.getTaskInstance().getId()) && indexed(execution)) {
                                count[0]++;
                            }
                        });
            }
            indexed = count[0];
        }
        int forgotten = index.forgetGone(taskNames);
        if (indexed > 0 || forgotten > 0) {
            log.info("Deadline index brought up to date: {} deadline(s) indexed, {} row(s) of fired ones removed",
                    indexed, forgotten);
        }
        return new Result(indexed, forgotten);
    }

    private boolean indexed(ScheduledExecution<Object> execution) {
        String scheduleId = execution.getTaskInstance().getId();
        Object data = execution.getData();
        if (data instanceof DbSchedulerBinaryDeadlineDetails details) {
            index.recordIfAbsent(scheduleId, details.getD(),
                    details.getDeserializedScopeDescriptor(serializer).scopeDescription());
            return true;
        }
        if (data instanceof DbSchedulerHumanReadableDeadlineDetails details) {
            index.recordIfAbsent(scheduleId, details.getDeadlineName(),
                    details.getDeserializedScopeDescriptor(serializer).scopeDescription());
            return true;
        }
        log.warn("Deadline {} not indexed: unexpected data {}", scheduleId, data == null ? null : data.getClass());
        return false;
    }

    /** What one run did. */
    record Result(int indexed, int forgotten) {
    }
}
