package org.ledger.app.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The serializer of everything Axon stores or sends: events, snapshots, tokens, sagas, dead letters and
 * messages (DESIGN.md §8: "serialize everything with Jackson, through a mapper of Axon's own").
 *
 * <p>Axon's Spring Boot auto-configuration builds its Jackson serializers from <em>the</em> {@code ObjectMapper}
 * bean when there is one, i.e. from Spring MVC's mapper, so that a {@code spring.jackson.*} setting meant for the
 * web would silently change the stored event format. Declaring the three serializer beans here makes the
 * auto-configuration back off: {@code serializer} (primary, unqualified: tokens, sagas, snapshots' envelope),
 * {@code messageSerializer} (qualifier {@code messageSerializer}: command and query messages) and
 * {@code eventSerializer} (qualifier {@code eventSerializer}: events and their metadata in the event store).
 * Each is built on a private {@link ObjectMapper} that is deliberately not a bean (a mapper bean would also
 * replace Spring MVC's own).
 *
 * <p>The stored format: ISO-8601 strings for dates and instants (never numeric timestamps), typed ids as
 * plain strings through their {@code @JsonValue}, unknown properties ignored on read so that an event type
 * may lose a field without an upcaster.
 */
@Configuration(proxyBeanMethods = false)
public class AxonSerializerConfiguration {

    /** The mapper every stored message goes through; public so that tests can check the format. */
    public static ObjectMapper storageObjectMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new Jdk8Module());
        mapper.registerModule(new ParameterNamesModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    private static Serializer jackson(RevisionResolver revisionResolver) {
        return JacksonSerializer.builder()
                .objectMapper(storageObjectMapper())
                .revisionResolver(revisionResolver)
                .build();
    }

    @Bean
    @Primary
    public Serializer serializer(RevisionResolver revisionResolver) {
        return jackson(revisionResolver);
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(RevisionResolver revisionResolver) {
        return jackson(revisionResolver);
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(RevisionResolver revisionResolver) {
        return jackson(revisionResolver);
    }
}
