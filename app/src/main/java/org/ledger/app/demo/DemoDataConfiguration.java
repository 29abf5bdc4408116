package org.ledger.app.demo;

import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import org.ledger.command.evidence.EvidenceStore;
import org.ledger.command.support.CommandSender;
import org.ledger.command.unit.registry.UnitRegistry;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Loads the demo data set when, and only when, the {@code demo} profile is active (DESIGN.md §6). It refuses to
 * run beside a production profile, so a demo switch left on can never write made-up facts into a real ledger.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoDataConfiguration {

    /** Profiles that mean "real data": the demo set must never be loaded into them. */
    static final Set<String> PRODUCTION_PROFILES = Set.of("postgres", "jwt", "prod", "production");

    @Bean
    ApplicationRunner demoDataLoader(Environment environment, CommandSender sender, UnitRegistry units,
                                     EvidenceStore evidenceStore, Clock clock) {
        Arrays.stream(environment.getActiveProfiles())
                .filter(PRODUCTION_PROFILES::contains)
                .findFirst()
                .ifPresent(profile -> {
                    throw new IllegalStateException("The demo profile loads made-up data and must not run with the '"
                            + profile + "' profile; remove 'demo' from spring.profiles.active");
                });
        return arguments -> new DemoData(sender, units, evidenceStore, clock).loadIfAbsent();
    }
}
