package org.ledger.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The configuration the module's slice tests start from (the app module has the real one). */
@SpringBootApplication
public class QueryTestApplication {

    /** "Today" for the tests: 15 June 2024. */
    public static final Instant NOW = Instant.parse("2024-06-15T04:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    public static class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
