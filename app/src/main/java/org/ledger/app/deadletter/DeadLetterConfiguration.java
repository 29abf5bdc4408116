package org.ledger.app.deadletter;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The dead-letter queues of the projections (README, "Dead letters"). Axon's auto-configuration gives every group
 * with {@code dlq.enabled} a JPA queue ({@code dead_letter_entry}); this adds what it leaves open:
 * <ul>
 *   <li>a policy that logs the failure and counts the retries of a letter (diagnostics {@value #RETRIES});</li>
 *   <li>{@code allowReset}: a rebuild (token reset) clears the group's letters, because the replay handles those
 *   events again; a letter left behind would be applied a second time by the next retry;</li>
 *   <li>the sequence-identifier cache ({@code dlq.cache}), which Axon would set through the hook used here;</li>
 *   <li>a transaction per event when a batch that failed is retried ({@link IsolateEventsAfterFailedBatch}), without
 *   which a failing JPA projection could never be dead-lettered.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfiguration.class);

    /** Diagnostics key of a letter: how many retries have failed since it was enqueued. */
    static final String RETRIES = "retries";

    @Bean
    DeadLetteredGroups deadLetteredGroups(EventProcessorProperties properties) {
        return DeadLetteredGroups.of(properties);
    }

    @Bean
    IsolateEventsAfterFailedBatch isolateEventsAfterFailedBatch(DeadLetteredGroups groups,
                                                  ObjectProvider<PlatformTransactionManager> transactions) {
        return new IsolateEventsAfterFailedBatch(groups, transactions);
    }

    @Autowired
    void configureDeadLetters(EventProcessingConfigurer configurer, EventProcessorProperties properties) {
        for (String group : DeadLetteredGroups.of(properties).names()) {
            configurer.registerDeadLetterPolicy(group, config -> policy(group));
            EventProcessorProperties.DlqCache cache = properties.getProcessors().get(group).getDlq().getCache();
            configurer.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                    (config, builder) -> withCache(builder.allowReset(true), cache));
        }
    }

    /**
     * Axon's auto-configuration applies {@code dlq.cache} through this same per-group hook, and a group has one: the
     * registration above replaces Axon's, so it carries the cache setting over (the benchmark's profile showed the
     * queue still asked once per event before it did).
     */
    private static DeadLetteringEventHandlerInvoker.Builder withCache(DeadLetteringEventHandlerInvoker.Builder builder,
                                                                      EventProcessorProperties.DlqCache cache) {
        return cache != null && cache.isEnabled()
                ? builder.enableSequenceIdentifierCache().sequenceIdentifierCacheSize(cache.getSize())
                : builder;
    }

    /** Always enqueue (an event is never dropped silently); the first failure has 0 retries, each failed retry +1. */
    private static EnqueuePolicy<EventMessage<?>> policy(String group) {
        return (letter, cause) -> {
            boolean retried = letter.diagnostics().containsKey(RETRIES);
            int retries = retried ? ((Number) letter.diagnostics().get(RETRIES)).intValue() + 1 : 0;
            log.warn("Projection {} could not handle event {} ({}); it waits in the dead-letter queue{}", group,
                    letter.message().getIdentifier(), letter.message().getPayloadType().getSimpleName(),
                    retried ? " (retry " + retries + " failed)" : "", cause);
            return Decisions.enqueue(ThrowableCause.truncated(cause),
                    failed -> MetaData.with(RETRIES, retries));
        };
    }
}
