package org.ledger.app.persistence;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event storage engine Axon's JPA auto-configuration would build, with the same settings, as a
 * {@link GapQueryEventStorageEngine} (Axon's auto-configuration backs off when an {@link EventStorageEngine} bean
 * exists, and with it its registration of the event store's JPA entities, which this class therefore repeats).
 */
@Configuration(proxyBeanMethods = false)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
class EventStorageEngineConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager) {
        return new GapQueryEventStorageEngine(axonsSettings(defaultSerializer, persistenceExceptionResolver,
                eventSerializer, configuration, entityManagerProvider), transactionManager);
    }

    /** The settings Axon's auto-configuration gives its JPA engine; also how a test builds Axon's own to compare. */
    static JpaEventStorageEngine.Builder axonsSettings(Serializer defaultSerializer,
                                                       PersistenceExceptionResolver persistenceExceptionResolver,
                                                       Serializer eventSerializer,
                                                       org.axonframework.config.Configuration configuration,
                                                       EntityManagerProvider entityManagerProvider) {
        return JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider);
    }
}
