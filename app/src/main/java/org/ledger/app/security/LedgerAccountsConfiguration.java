package org.ledger.app.security;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The accounts of the embedded default (HTTP Basic; DESIGN.md §6): those of {@code ledger.security.accounts}, or,
 * when none is configured, the {@link BootstrapAdmin}. Not active in the profile {@code jwt}, where the identity
 * provider's tokens are the only way in.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + SecurityConfiguration.JWT_PROFILE)
@EnableConfigurationProperties(LedgerSecurityProperties.class)
class LedgerAccountsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LedgerAccountsConfiguration.class);
    private static final Pattern ENCODED = Pattern.compile("^\\{[A-Za-z0-9_-]+}.*");

    /** {@code {bcrypt}…}, {@code {noop}…} and Spring Security's other ids. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Short-lived tokens for password sign-ins, so that a client pays the password hash once. */
    @Bean
    AccessTokens accessTokens(LedgerSecurityProperties properties, Clock clock) {
        return new AccessTokens(properties.getTokens(), clock);
    }

    @Bean
    UserDetailsService userDetailsService(LedgerSecurityProperties properties, PasswordEncoder encoder,
                                          @Value("${ledger.data-dir:./data}") String dataDir) {
        List<LedgerUser> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (LedgerSecurityProperties.Account account : properties.getAccounts()) {
            String username = account.getUsername();
            if (username == null || username.isBlank()) {
                throw new IllegalStateException("ledger.security.accounts: an account has no username");
            }
            if (!names.add(username)) {
                throw new IllegalStateException("ledger.security.accounts: duplicate username " + username);
            }
            String password = account.getPassword();
            if (password == null || !ENCODED.matcher(password).matches()) {
                throw new IllegalStateException("ledger.security.accounts: the password of " + username
                        + " must be in Spring Security's {id}encoded form, e.g. {bcrypt}$2a$10$...");
            }
            if (password.startsWith("{noop}")) {
                log.warn("Account {} has a plain-text {{noop}} password: acceptable for tests and demos only",
                        username);
            }
            List<GrantedAuthority> authorities = new ArrayList<>();
            for (String role : account.getRoles()) {
                String name = role.trim().toUpperCase(Locale.ROOT);
                if (name.startsWith(LedgerUser.ROLE_PREFIX)) {
                    name = name.substring(LedgerUser.ROLE_PREFIX.length());
                }
                authorities.add(new SimpleGrantedAuthority(LedgerUser.ROLE_PREFIX + name));
            }
            users.add(new LedgerUser(username, password, authorities, account.getUnit()));
        }
        if (users.isEmpty()) {
            String unit = properties.getBootstrapUnit();
            users.add(BootstrapAdmin.ensure(Path.of(dataDir), unit == null || unit.isBlank() ? null : unit.trim(),
                    encoder));
        } else {
            log.info("{} ledger account(s) configured", users.size());
        }
        return username -> users.stream()
                .filter(user -> user.getUsername().equals(username))
                .findFirst()
                // A fresh copy each time: the authentication manager erases credentials of what it returns.
                .map(user -> (UserDetails) new LedgerUser(user.getUsername(), user.getPassword(),
                        user.getAuthorities(), user.getUnit()))
                .orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
    }
}
