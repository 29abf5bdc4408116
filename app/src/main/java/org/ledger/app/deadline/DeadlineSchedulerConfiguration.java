package org.ledger.app.deadline;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
