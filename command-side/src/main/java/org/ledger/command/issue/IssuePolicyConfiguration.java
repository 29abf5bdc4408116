package org.ledger.command.issue;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The issue-status policy runs in the command's own transaction and must fail it rather than be skipped. */
@Configuration(proxyBeanMethods = false)
class IssuePolicyConfiguration {

    @Bean
    ConfigurerModule issueStatusPolicyProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(IssueStatusPolicy.NAME)
                .assignProcessingGroup(IssueStatusPolicy.NAME, IssueStatusPolicy.NAME)
                // An item closed while its issue refuses to follow would leave the two disagreeing for ever:
                // propagate the failure so that the closing command rolls back as a whole.
                .registerListenerInvocationErrorHandler(IssueStatusPolicy.NAME,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
