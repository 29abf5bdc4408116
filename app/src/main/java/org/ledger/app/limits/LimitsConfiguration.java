package org.ledger.app.limits;

import io.github.bucket4j.TimeMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the request limits of {@code ledger.limits.*} (see {@link LimitsProperties}; README, "Limits"): the body
 * size filter and the per-user write rate limit. The query time bound is a transaction timeout the query side
 * declares itself ({@code org.ledger.query.support.BoundedRead}); ProblemDetailsAdvice answers it 503.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
public class LimitsConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LimitsConfiguration.class);

    private final LimitsProperties properties;
    private final ObjectProvider<WriteRateLimiter> limiter;

    LimitsConfiguration(LimitsProperties properties, ObjectProvider<WriteRateLimiter> limiter) {
        this.properties = properties;
        this.limiter = limiter;
    }

    /** After the correlation id filter (so a 413 carries the id) and before Spring Security (no password check). */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter() {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.requestBody().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** The clock of the token buckets: monotonic nanoseconds; tests replace it with one they move. */
    @Bean
    TimeMeter writeRateTimeMeter() {
        return TimeMeter.SYSTEM_NANOTIME;
    }

    @Bean
    WriteRateLimiter writeRateLimiter(TimeMeter writeRateTimeMeter) {
        return new WriteRateLimiter(properties.writes(), writeRateTimeMeter);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LimitsProperties.Writes writes = properties.writes();
        if (!writes.enabled()) {
            log.info("The write rate limit is off (ledger.limits.writes.rate=0)");
            return;
        }
        registry.addInterceptor(new WriteRateLimitInterceptor(limiter.getObject())).addPathPatterns("/api/**");
    }
}
