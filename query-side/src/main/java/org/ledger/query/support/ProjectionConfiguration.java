package org.ledger.query.support;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Event processing settings that the projections' correctness depends on.
 *
 * <p>The rectification ledger copies issue facts (title, root cause …) onto the rows of the items, so it
 * must see the events of an issue and of its items in their global order; the default per-aggregate sequencing
 * would let an item's events overtake its issue's events on another segment. The issue ledger only handles
 * issue events, so Axon's default per-aggregate sequencing is right for it.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    @Autowired
    public void configureSequencing(EventProcessingConfigurer configurer) {
        configurer.registerSequencingPolicy(ProjectionNames.RECTIFICATION_LEDGER, c -> new SequentialPolicy());
    }
}
