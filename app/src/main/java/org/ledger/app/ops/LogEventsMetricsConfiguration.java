package org.ledger.app.ops;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code logback.events} without a turbo filter ({@link LogEventsMetrics}); Spring Boot binds it to the meter
 * registry like any {@code MeterBinder} bean and closes it with the context. Replaces Spring Boot's
 * {@code LogbackMetricsAutoConfiguration}, which application.yml excludes.
 */
@Configuration(proxyBeanMethods = false)
class LogEventsMetricsConfiguration {

    @Bean
    LogEventsMetrics logEventsMetrics() {
        return new LogEventsMetrics((LoggerContext) LoggerFactory.getILoggerFactory());
    }
}
