package org.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The demo profile's accounts are the README's: name = password, stored as bcrypt hashes. */
class DemoAccountsTest {

    @Test
    void demoAccountsAreBcryptHashesOfTheirNames() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("demo", new ClassPathResource("application-demo.yml"))
                .forEach(environment.getPropertySources()::addFirst);
        LedgerSecurityProperties properties = Binder.get(environment)
                .bind("ledger.security", LedgerSecurityProperties.class).get();
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

        assertThat(properties.getAccounts()).extracting(LedgerSecurityProperties.Account::getUsername)
                .containsExactly("admin", "supervisor", "committee", "secretary", "lead", "auditor", "viewer");
        for (LedgerSecurityProperties.Account account : properties.getAccounts()) {
            assertThat(account.getPassword()).startsWith("{bcrypt}");
            assertThat(encoder.matches(account.getUsername(), account.getPassword()))
                    .as(account.getUsername()).isTrue();
        }
        assertThat(properties.getAccounts()).extracting(LedgerSecurityProperties.Account::getRoles)
                .containsExactly(List.of("ADMIN"), List.of("SUPERVISOR"), List.of("SUPERVISOR"), List.of("UNIT_LEAD"),
                        List.of("UNIT_LEAD"), List.of("AUDITOR"), List.of("VIEWER"));
        assertThat(properties.getAccounts()).extracting(LedgerSecurityProperties.Account::getUnit)
                .containsExactly("jgw", "jgw", "sqdw", "sqdw", "branch-1", "jgw", "branch-1");
    }
}
