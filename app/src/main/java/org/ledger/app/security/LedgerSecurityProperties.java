package org.ledger.app.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may sign in (DESIGN.md §6; /work/notes/README-security.md).
 *
 * <ul>
 *   <li>The accounts of the embedded default: {@code ledger.security.accounts[n].username}, {@code .password}
 *       (Spring Security's {@code {id}encoded} form, e.g. {@code {bcrypt}$2a$10$…}), {@code .roles} (ADMIN,
 *       SUPERVISOR, UNIT_LEAD, AUDITOR, VIEWER) and {@code .unit}.</li>
 *   <li>{@code ledger.security.bootstrap-unit}: the unit of the bootstrap ADMIN that the first start creates when
 *       no account is configured ({@link BootstrapAdmin}); none by default.</li>
 *   <li>{@code ledger.security.jwt.*}: which claims of an identity provider's token name the user, the roles and
 *       the unit (profile {@code jwt}; {@link LedgerJwtAuthenticationConverter}).</li>
 * </ul>
 */
@ConfigurationProperties("ledger.security")
public class LedgerSecurityProperties {

    private List<Account> accounts = new ArrayList<>();
    private String bootstrapUnit;
    private Jwt jwt = new Jwt();
    private Tokens tokens = new Tokens();

    public Tokens getTokens() {
        return tokens;
    }

    public void setTokens(Tokens tokens) {
        this.tokens = tokens;
    }

    public String getBootstrapUnit() {
        return bootstrapUnit;
    }

    public void setBootstrapUnit(String bootstrapUnit) {
        this.bootstrapUnit = bootstrapUnit;
    }

    public Jwt getJwt() {
        return jwt;
    }

    public void setJwt(Jwt jwt) {
        this.jwt = jwt;
    }

    public List<Account> getAccounts() {
        return accounts;
    }

    public void setAccounts(List<Account> accounts) {
        this.accounts = accounts;
    }

    public static class Account {
        private String username;
        private String password;
        private List<String> roles = new ArrayList<>();
        private String unit;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public String getUnit() {
            return unit;
        }

        public void setUnit(String unit) {
            this.unit = unit;
        }
    }

    /**
     * Claim names of the identity provider's tokens. A name is first looked up as one claim (so namespaced claims
     * such as {@code https://example.org/roles} work); if there is none and the name has dots, it is read as a
     * path into nested claims (Keycloak's {@code realm_access.roles}).
     */
    public static class Jwt {
        /** An array of role names (or one string of names separated by spaces or commas). */
        private String rolesClaim = "roles";
        /** The organisation unit the user acts for. */
        private String unitClaim = "unit";
        /** The user name; when the token has no such claim, {@code sub}. */
        private String userClaim = "preferred_username";

        public String getRolesClaim() {
            return rolesClaim;
        }

        public void setRolesClaim(String rolesClaim) {
            this.rolesClaim = rolesClaim;
        }

        public String getUnitClaim() {
            return unitClaim;
        }

        public void setUnitClaim(String unitClaim) {
            this.unitClaim = unitClaim;
        }

        public String getUserClaim() {
            return userClaim;
        }

        public void setUserClaim(String userClaim) {
            this.userClaim = userClaim;
        }
    }

    /**
     * The embedded default's own access tokens ({@link AccessTokens}): a password sign-in exchanged once for a
     * short-lived signed token, so that a client does not pay a password hash on every request.
     */
    public static class Tokens {
        /** How long a token is accepted after it was issued. */
        private Duration lifetime = Duration.ofMinutes(15);
        /**
         * Base64 of at least 32 random bytes (HMAC-SHA256 key) shared by every node that must accept the others'
         * tokens. Empty: a random key per process, so a token is accepted by the node that issued it, until it
         * restarts.
         */
        private String secret;

        public Duration getLifetime() {
            return lifetime;
        }

        public void setLifetime(Duration lifetime) {
            this.lifetime = lifetime;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }
    }
}
