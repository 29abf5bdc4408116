package org.ledger.app.deadline;

import java.time.Clock;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * db-scheduler runs Axon's deadlines (AxonDbSchedulerAutoConfiguration wires the {@code DbSchedulerDeadlineManager}
 * and registers its task once the db-scheduler starter has built a {@code Scheduler} on the application's
 * DataSource; the table is Flyway's V7). This class gives db-scheduler the application's {@link Clock}: db-scheduler
 * decides what is due with {@code execution_time <= clock.now()}, and by default its clock is
 * {@code Instant.now()}. With the application's clock, "now" is one thing everywhere, and tests that replace the
 * clock see deadlines fire when their clock says so.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineSchedulerConfiguration {

    @Bean
    com.github.kagkarlsson.scheduler.Clock dbSchedulerClock(Clock clock) {
        return clock::instant;
    }

    /**
     * The deadline manager Axon's auto-configuration would build, with the same settings (db-scheduler's own
     * starter starts and stops the scheduler), but tolerant of cancelling a deadline that is firing: see
     * {@link CancellationTolerantDeadlineManager}. Declared as a {@code DbSchedulerDeadlineManager}, the type the
     * auto-configuration backs off for, and which its db-scheduler task looks up to run deadlines. It cancels a
     * scope's deadlines through the {@link DeadlineIndex} instead of reading all of them, and has the scheduler poll
     * after a commit that scheduled a deadline already due.
     */
    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration configuration,
                                    @Qualifier("eventSerializer") Serializer serializer,
                                    TransactionManager transactionManager,
                                    DeadlineManagerSpanFactory spanFactory, DeadlineIndex deadlineIndex,
                                    Clock clock) {
        return new CancellationTolerantDeadlineManager(DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .startScheduler(false)
                .stopScheduler(false), deadlineIndex, scheduler, clock);
    }

    @Bean
    DeadlineIndex deadlineIndex(JdbcTemplate jdbc) {
        return new DeadlineIndex(jdbc);
    }

    /** Indexes, once at start-up, deadlines scheduled before the index existed; same serializer as the manager. */
    @Bean
    DeadlineIndexBackfill deadlineIndexBackfill(Scheduler scheduler, @Qualifier("eventSerializer") Serializer serializer,
                                                DeadlineIndex deadlineIndex) {
        return new DeadlineIndexBackfill(scheduler, serializer, deadlineIndex);
    }
}
