package org.ledger.app.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ledger.command.access.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified token of the identity provider (profile {@code jwt}) into the principal the rest of the
 * application knows: a {@link LedgerUser} with user name, unit and {@code ROLE_} authorities, exactly like an
 * account of the embedded default. {@link HttpRequestContext} (the actor of commands) and the read scoping of the
 * query side therefore need not know how the user signed in.
 *
 * <p>Claims, by default ({@code ledger.security.jwt.*}): {@code preferred_username} (else {@code sub}) names the
 * user, {@code roles} lists role names, {@code unit} names the unit. Role names are matched case-insensitively,
 * with or without Spring's {@code ROLE_} prefix; names that are no ledger role (the IdP's own
 * {@code offline_access}, say) are dropped, so a token cannot smuggle in an authority the application never
 * grants. A token without roles signs in a user who may do nothing: writes answer 403.
 */
final class LedgerJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final LedgerSecurityProperties.Jwt claims;

    LedgerJwtAuthenticationConverter(LedgerSecurityProperties.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String user = text(claim(jwt, claims.getUserClaim()));
        if (user == null) {
            user = text(jwt.getSubject());
        }
        if (user == null) {
            // 401 like any other unusable token: there is nobody to record as the actor
            throw new InvalidBearerTokenException("The token names no user");
        }
        String unit = text(claim(jwt, claims.getUnitClaim()));
        LedgerUser principal = new LedgerUser(user, "", authorities(claim(jwt, claims.getRolesClaim())), unit);
        return new LedgerJwtAuthentication(principal, jwt);
    }

    /** The claim of that name; else, for a dotted name, the value at that path through nested claims. */
    static Object claim(Jwt jwt, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        Map<String, Object> all = jwt.getClaims();
        if (all.containsKey(name) || !name.contains(".")) {
            return all.get(name);
        }
        Object current = all;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    static List<GrantedAuthority> authorities(Object roles) {
        Collection<?> names;
        if (roles instanceof Collection<?> many) {
            names = many;
        } else if (roles instanceof String one) {
            names = List.of(one.split("[\\s,]+"));
        } else {
            names = List.of();
        }
        Set<String> known = new LinkedHashSet<>();
        for (Object value : names) {
            String name = value == null ? "" : value.toString().trim().toUpperCase(Locale.ROOT);
            if (name.startsWith(LedgerUser.ROLE_PREFIX)) {
                name = name.substring(LedgerUser.ROLE_PREFIX.length());
            }
            for (Role role : Role.values()) {
                if (role.name().equals(name)) {
                    known.add(LedgerUser.ROLE_PREFIX + role.name());
                }
            }
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        known.forEach(name -> authorities.add(new SimpleGrantedAuthority(name)));
        return authorities;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    /** An authentication by token whose principal is a {@link LedgerUser}; the verified token is its credential. */
    static final class LedgerJwtAuthentication extends AbstractAuthenticationToken {

        private final LedgerUser principal;
        private final transient Jwt token;

        LedgerJwtAuthentication(LedgerUser principal, Jwt token) {
            super(principal.getAuthorities());
            this.principal = principal;
            this.token = token;
            setAuthenticated(true);
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public String getName() {
            return principal.getUsername();
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
