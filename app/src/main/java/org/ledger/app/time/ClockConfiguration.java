package org.ledger.app.time;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock that says what "today" is. Deadlines, warning levels and found-on dates are calendar dates in
 * the organisation's time zone ({@code ledger.zone}, default Asia/Shanghai), not in the server's.
 * Tests replace it with a fixed clock declared {@code @Primary}.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock clock(@Value("${ledger.zone:Asia/Shanghai}") ZoneId zone) {
        return Clock.system(zone);
    }
}
