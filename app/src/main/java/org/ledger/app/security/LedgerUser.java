package org.ledger.app.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** An authenticated user of the embedded default: Spring Security's user plus the unit they act for. */
public class LedgerUser extends User {

    /** Prefix Spring Security gives role authorities. */
    public static final String ROLE_PREFIX = "ROLE_";

    private final String unit;

    public LedgerUser(String username, String password, Collection<? extends GrantedAuthority> authorities,
                      String unit) {
        super(username, password, authorities);
        this.unit = unit;
    }

    /** The organisation unit the user acts for (null when the account has none). */
    public String getUnit() {
        return unit;
    }

    /** The role names without Spring's {@code ROLE_} prefix, e.g. {@code SUPERVISOR}. */
    public Set<String> roleNames() {
        return roleNames(getAuthorities());
    }

    static Set<String> roleNames(Collection<? extends GrantedAuthority> authorities) {
        Set<String> roles = new TreeSet<>();
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(ROLE_PREFIX)) {
                roles.add(name.substring(ROLE_PREFIX.length()));
            }
        }
        return roles;
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
