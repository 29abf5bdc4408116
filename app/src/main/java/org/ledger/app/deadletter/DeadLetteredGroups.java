package org.ledger.app.deadletter;

import java.util.List;
import java.util.Map;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;

/**
 * The processing groups whose failed events go to a dead-letter queue: those with
 * {@code axon.eventhandling.processors.<name>.dlq.enabled: true} in application.yml, the one place that decides
 * (Axon's own auto-configuration reads the same setting to give them a JPA queue).
 */
public record DeadLetteredGroups(List<String> names) {

    public DeadLetteredGroups {
        names = List.copyOf(names);
    }

    static DeadLetteredGroups of(EventProcessorProperties properties) {
        return new DeadLetteredGroups(properties.getProcessors().entrySet().stream()
                .filter(entry -> enabled(entry.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList());
    }

    public boolean contains(String group) {
        return group != null && names.contains(group);
    }

    private static boolean enabled(ProcessorSettings settings) {
        return settings.getDlq() != null && settings.getDlq().isEnabled();
    }
}
