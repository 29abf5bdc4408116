package org.ledger.app.axon;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command gateway retries a command that lost an append race to another node (DESIGN.md §8 "Scale-out").
 *
 * <p>Within one node Axon's repository locks an aggregate while a command runs, so two commands for it never race.
 * Across nodes they can: both load version n and both append n+1; the event table's unique
 * (aggregate_identifier, sequence_number) key lets one commit and the other fails with a
 * {@link ConcurrencyException}. That command is then sent again, after a short pause, and runs on the fresh state,
 * where its rules are checked again. Nothing else is retried: not rule violations, not a stale If-Match version
 * (ConflictingAggregateVersionException is no ConcurrencyException), not a create whose id is taken
 * (AggregateStreamCreationException). After {@value #MAX_RETRIES} retries the failure stands (409).
 */
@Configuration(proxyBeanMethods = false)
public class CommandRetryConfiguration {

    static final int MAX_RETRIES = 5;
    private static final long BASE_INTERVAL_MS = 20;

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrencyRetryScheduler(executor))
                .build();
    }

    /** Retries only append races, a few times, with a growing pause. */
    static final class ConcurrencyRetryScheduler implements RetryScheduler {

        private static final Logger log = LoggerFactory.getLogger(ConcurrencyRetryScheduler.class);

        private final ScheduledExecutorService executor;

        ConcurrencyRetryScheduler(ScheduledExecutorService executor) {
            this.executor = executor;
        }

        @Override
        public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                     List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
            if (!isAppendRace(lastFailure) || failures.size() > MAX_RETRIES) {
                return false;
            }
            log.info("Command {} lost an append race ({}); retry {} of {}", commandMessage.getCommandName(),
                    lastFailure.getMessage(), failures.size(), MAX_RETRIES);
            executor.schedule(commandDispatch, BASE_INTERVAL_MS * failures.size(), TimeUnit.MILLISECONDS);
            return true;
        }

        static boolean isAppendRace(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ConcurrencyException) {
                    return true;
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return false;
        }
    }
}
