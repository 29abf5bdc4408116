package org.ledger.app.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The part of strict request reading that has no {@code spring.jackson.*} property (the rest is in
 * application.yml): a number or a boolean where the request expects text ({@code "title": 42}) answers 400 instead
 * of being turned into the text {@code "42"}. A client that sends a number for a title has mixed up its fields,
 * and the ledger would otherwise record whatever the mix-up produced.
 *
 * <p>Only Spring MVC's mapper is affected: Axon's stored messages go through a mapper of their own
 * ({@code AxonSerializerConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer noScalarsAsText() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
