package org.ledger.app.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * HTTP Basic over a stateless API (DESIGN.md §6).
 *
 * <ul>
 *   <li>Everything under {@code /api} needs an authenticated user, reads included; Swagger UI, the OpenAPI
 *       document and {@code /actuator/health} are open so that staff can find the Authorize button.</li>
 *   <li>No HTTP session and no session cookie: every request carries its credentials.</li>
 *   <li>CSRF protection is off: there is no cookie-based session whose authority a forged cross-site request
 *       could borrow, and JSON bodies cannot be sent cross-site without a CORS preflight.</li>
 *   <li>401 and 403 answer as RFC 9457 problem details (never Spring's HTML or JSON error page).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(LedgerSecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final Pattern ENCODED = Pattern.compile("^\\{[A-Za-z0-9_-]+}.*");
    private static final String REALM = "ledger";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
                    "Authentication is required: send HTTP Basic credentials of a ledger account.");
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                ProblemResponses.write(request, response, HttpStatus.FORBIDDEN,
                        "Your roles do not allow this request.");
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().authenticated());
        return http.build();
    }

    /** {@code {bcrypt}…}, {@code {noop}…} and Spring Security's other ids. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(LedgerSecurityProperties properties) {
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
                String name = role.trim().toUpperCase(java.util.Locale.ROOT);
                if (name.startsWith(LedgerUser.ROLE_PREFIX)) {
                    name = name.substring(LedgerUser.ROLE_PREFIX.length());
                }
                authorities.add(new SimpleGrantedAuthority(LedgerUser.ROLE_PREFIX + name));
            }
            users.add(new LedgerUser(username, password, authorities, account.getUnit()));
        }
        if (users.isEmpty()) {
            log.warn("No accounts are configured (ledger.security.accounts is empty): nobody can log in. "
                    + "Configure ledger.security.accounts[n].username/password/roles/unit, "
                    + "or start with the 'demo' profile for the demo accounts.");
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

    /** Runs before Spring Security's chain, so that 401s and 403s carry the correlation id too. */
    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration =
                new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
