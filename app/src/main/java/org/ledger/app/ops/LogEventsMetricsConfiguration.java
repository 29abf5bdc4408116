package org.ledger.app.ops;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code logback.events} without a turbo filter ({@link LogEventsMetrics}); Spring Boot binds it to the meter
 * registry like any {@code MeterBinder} bean and closes it with the context. Replaces Spring Boot's
 * {@code LogbackMetricsAutoConfiguration}, which application.yml excludes, under the same two conditions: logback
 * is on the class path and SLF4J logs through it. The application ships with logback; the benchmark's generator
 * (issue 9) runs the application's classes inside the harness, which logs through slf4j-simple, and there the meter
 * is simply absent, as Spring Boot's would be.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
@Conditional(LogEventsMetricsConfiguration.Slf4jLogsThroughLogback.class)
class LogEventsMetricsConfiguration {

    @Bean
    LogEventsMetrics logEventsMetrics() {
        return new LogEventsMetrics((LoggerContext) LoggerFactory.getILoggerFactory());
    }

    /** Whether SLF4J's logger factory is logback's (only asked once logback is known to be on the class path). */
    static class Slf4jLogsThroughLogback implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
        }
    }
}
