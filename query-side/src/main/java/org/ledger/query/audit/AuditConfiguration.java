package org.ledger.query.audit;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.ledger.query.support.ProjectionNames;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** The integrity chain handles every event in one sequence: each link depends on the one before it. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Autowired
    public void configureSequencing(EventProcessingConfigurer configurer) {
        configurer.registerSequencingPolicy(ProjectionNames.INTEGRITY_CHAIN, c -> new SequentialPolicy());
    }
}
