package org.ledger.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * A stateless API (DESIGN.md §6; /work/notes/README-security.md), signed in one of two ways:
 *
 * <ul>
 *   <li>the embedded default: HTTP Basic against the accounts of {@link LedgerAccountsConfiguration}, or a
 *       short-lived bearer token exchanged for it once ({@link AccessTokens}, {@code POST /api/auth/token});</li>
 *   <li>profile {@value #JWT_PROFILE} (production): bearer tokens of the organisation's identity provider only, checked
 *       by Spring's resource server ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 *       {@code .jwk-set-uri}) and mapped by {@link LedgerJwtAuthenticationConverter} to the same {@link LedgerUser}
 *       principal. HTTP Basic is off there: passwords would be a second, unaudited way around the identity
 *       provider's policies (MFA, leavers), and accounts are ignored.</li>
 * </ul>
 *
 * <p>In both:
 * <ul>
 *   <li>Everything under {@code /api} needs an authenticated user, reads included; Swagger UI, the OpenAPI
 *       document and {@code /actuator/health} are open so that staff can find the Authorize button.</li>
 *   <li>No HTTP session and no session cookie: every request carries its credentials.</li>
 *   <li>CSRF protection is off: there is no cookie-based session whose authority a forged cross-site request
 *       could borrow, and JSON bodies cannot be sent cross-site without a CORS preflight.</li>
 *   <li>401 and 403 answer as RFC 9457 problem details (never Spring's HTML or JSON error page).</li>
 *   <li>Headers for an API: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY},
 *       {@code Cache-Control: no-cache, no-store, …} (Spring Security's defaults), {@code Referrer-Policy:
 *       no-referrer}, and on {@code /api/**} only a Content-Security-Policy that allows nothing to load or frame
 *       the answer (Swagger UI's own pages need scripts and styles, so they do not get it). HSTS is Spring
 *       Security's default: sent only on requests that arrived over HTTPS.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(LedgerSecurityProperties.class)
public class SecurityConfiguration {

    /** The production profile: identity provider tokens instead of configured accounts. */
    public static final String JWT_PROFILE = "jwt";
    /** The Content-Security-Policy of API answers: JSON and files, which must never run, load or be framed. */
    public static final String API_CONTENT_SECURITY_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String REALM = "ledger";

    /** The embedded default: HTTP Basic, or a bearer token obtained with it ({@link AccessTokens}). */
    @Bean
    @Profile("!" + JWT_PROFILE)
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessTokens tokens, UserDetailsService accounts)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            if (exception instanceof OAuth2AuthenticationException) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
                ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
                        "The bearer token is not valid (expired, altered, or its account is gone): "
                                + "obtain a new one from POST /api/auth/token.");
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
                    "Authentication is required: send HTTP Basic credentials of a ledger account, or a bearer "
                            + "token from POST /api/auth/token.");
        };
        common(http, unauthorized);
        http.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized));
        http.oauth2ResourceServer(server -> server
                .authenticationEntryPoint(unauthorized)
                .accessDeniedHandler(forbidden())
                .jwt(jwt -> jwt.decoder(tokens.decoder())
                        .jwtAuthenticationConverter(AccessTokens.principals(accounts))));
        return http.build();
    }

    /** Production: bearer tokens of the identity provider, nothing else. */
    @Bean
    @Profile(JWT_PROFILE)
    SecurityFilterChain jwtApiSecurity(HttpSecurity http, ObjectProvider<JwtDecoder> decoders,
                                       LedgerSecurityProperties properties) throws Exception {
        JwtDecoder decoder = decoders.getIfAvailable();
        if (decoder == null) {
            throw new IllegalStateException("The profile 'jwt' needs the identity provider: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri or .jwk-set-uri");
        }
        if (!properties.getAccounts().isEmpty()) {
            log.warn("Profile 'jwt': the {} account(s) of ledger.security.accounts are ignored; only tokens of the "
                    + "identity provider sign in", properties.getAccounts().size());
        }
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            String challenge = "Bearer realm=\"" + REALM + "\"";
            if (exception instanceof OAuth2AuthenticationException oauth
                    && oauth.getError() instanceof BearerTokenError error) {
                challenge += ", error=\"" + error.getErrorCode() + "\"";
            }
            response.setHeader("WWW-Authenticate", challenge);
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
                    "Authentication is required: send a valid, unexpired bearer token of the identity provider.");
        };
        common(http, unauthorized);
        http.oauth2ResourceServer(server -> server
                .authenticationEntryPoint(unauthorized)
                .accessDeniedHandler(forbidden())
                .jwt(jwt -> jwt.decoder(decoder)
                        .jwtAuthenticationConverter(new LedgerJwtAuthenticationConverter(properties.getJwt()))));
        log.info("Profile 'jwt': bearer tokens of the identity provider sign in; HTTP Basic is off");
        return http.build();
    }

    private static void common(HttpSecurity http, AuthenticationEntryPoint unauthorized) throws Exception {
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden()))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                                new StaticHeadersWriter("Content-Security-Policy", API_CONTENT_SECURITY_POLICY))))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().authenticated());
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, exception) ->
                ProblemResponses.write(request, response, HttpStatus.FORBIDDEN,
                        "Your roles do not allow this request.");
    }

    /**
     * Requests Spring Security's firewall refuses (encoded slashes, {@code ..;/} path tricks, control characters in
     * headers) answer 400 as a problem detail too, instead of a bare {@code sendError}.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST,
                "The request was refused: its path or headers contain characters that are not allowed.");
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
