package org.ledger.app.axon;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.ledger.kernel.MetadataKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which metadata of a command its events inherit (DESIGN.md §3: who and why are stored with every event).
 *
 * <p>Declaring any {@link CorrelationDataProvider} bean removes Axon's default {@link MessageOriginProvider}
 * (DESIGN.md §8), so it is declared again here. Its default keys are {@code correlationId} and
 * {@code traceId}; the first would overwrite our own per-request {@code correlationId} with the command's
 * message id, so the origin is stored as {@code causationId} and {@code traceId} instead.
 */
@Configuration(proxyBeanMethods = false)
public class CorrelationConfiguration {

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(MetadataKeys.CAUSATION_ID, MetadataKeys.TRACE_ID);
    }

    @Bean
    CorrelationDataProvider actorCorrelationProvider() {
        return new SimpleCorrelationDataProvider(
                MetadataKeys.USER, MetadataKeys.UNIT, MetadataKeys.ROLES, MetadataKeys.REASON,
                MetadataKeys.CORRELATION_ID);
    }
}
