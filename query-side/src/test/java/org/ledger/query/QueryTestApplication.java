package org.ledger.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.ledger.query.access.ReadScopes;
import org.ledger.query.access.Reader;
import org.ledger.query.unit.UnitTree;
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

    /**
     * The reader of the slice tests: an ADMIN, who reads everything, so that these tests see the ledgers unfiltered
     * (read scopes are proven against the real security context by the app's permission matrix test).
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class ReadEverything {

        @Bean
        ReadScopes readScopes(UnitTree unitTree) {
            return new ReadScopes(() -> new Reader("test", null, Set.of("ADMIN")), unitTree);
        }
    }
}
