package org.ledger.query.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.EventProcessingModule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * Event processing settings that the projections' correctness depends on.
 *
 * <p>The rectification ledger copies issue facts (title, root cause …) onto the rows of the issue's items, so it
 * must see the events of an issue and of its items in their global order; the default per-aggregate sequencing
 * would let an item's events overtake its issue's events on another segment. The issue ledger only handles
 * issue events, so Axon's default per-aggregate sequencing is right for it.
 *
 * <p>The responsibility ledger writes its item rows from agreement events and from issue events (the issue counts
 * of the item an issue names); two segments handling an agreement event and an issue event for the same item at
 * once would both supersede the item's current row. It runs in one sequence too. The task ledger handles only
 * agreement events: per-aggregate sequencing is right for it.
 *
 * <p>The rectification statistics copy issue facts (source, responsible unit, found-on date, dismissal) onto
 * their item facts, like the rectification ledger: one sequence too.
 *
 * <p>{@link OneSequence} rather than Axon's {@code SequentialPolicy}: the dead-letter queue keeps a sequence by the
 * text of its identifier, which must survive a restart.
 *
 * <p>The projections that write through JPA flush and forget their entities after each event
 * ({@link FlushEachEvent}); those that write through JDBC (audit log, integrity chain, look-back report, evidence)
 * keep no entities.
 *
 * <p>A processor being stopped (a rebuild, a node without the query role, shutdown) lets its workers finish their
 * batch instead of interrupting them after 5 seconds ({@link UninterruptedStops}).
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    /** The processing groups whose projections write through JPA entities. */
    static final List<String> JPA_PROJECTIONS = List.of(ProjectionNames.ISSUE_LEDGER,
            ProjectionNames.RECTIFICATION_LEDGER, ProjectionNames.RESPONSIBILITY_LEDGER, ProjectionNames.TASK_LEDGER,
            ProjectionNames.UNIT_TREE, ProjectionNames.RECTIFICATION_STATISTICS);

    /**
     * Replaces Axon's own module (its auto-configuration declares it only when the application has none). Static: the
     * {@code @Autowired} methods below take the module itself as their {@link EventProcessingConfigurer}.
     */
    @Bean
    public static EventProcessingModule eventProcessingModule(
            @Value("${ledger.projections.worker-termination-timeout:5m}") Duration workerTerminationTimeout) {
        return new UninterruptedStops(workerTerminationTimeout);
    }

    @Autowired
    public void configureSequencing(EventProcessingConfigurer configurer) {
        configurer.registerSequencingPolicy(ProjectionNames.RECTIFICATION_LEDGER,
                c -> new OneSequence(ProjectionNames.RECTIFICATION_LEDGER));
        configurer.registerSequencingPolicy(ProjectionNames.RESPONSIBILITY_LEDGER,
                c -> new OneSequence(ProjectionNames.RESPONSIBILITY_LEDGER));
        configurer.registerSequencingPolicy(ProjectionNames.RECTIFICATION_STATISTICS,
                c -> new OneSequence(ProjectionNames.RECTIFICATION_STATISTICS));
    }

    @Autowired
    public void flushEachEvent(EventProcessingConfigurer configurer, EntityManagerFactory entityManagerFactory) {
        EntityManager shared = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
        for (String group : JPA_PROJECTIONS) {
            configurer.registerHandlerInterceptor(group, c -> new FlushEachEvent(shared));
        }
    }
}
