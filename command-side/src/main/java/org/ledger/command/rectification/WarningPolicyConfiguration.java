package org.ledger.command.rectification;

import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The warning thresholds (DESIGN.md §2, default 20/10/0 days) as a bean that Axon hands to the
 * {@link RectificationItem}'s handlers as a parameter, so the aggregate reads no configuration itself.
 */
@Configuration(proxyBeanMethods = false)
class WarningPolicyConfiguration {

    @Bean
    WarningPolicy warningPolicy(@Value("${ledger.warnings.notice-days:20}") int noticeDays,
                                @Value("${ledger.warnings.yellow-days:10}") int yellowDays,
                                @Value("${ledger.zone:Asia/Shanghai}") ZoneId zone) {
        return new WarningPolicy(noticeDays, yellowDays, zone);
    }
}
