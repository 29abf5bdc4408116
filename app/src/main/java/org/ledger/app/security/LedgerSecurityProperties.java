package org.ledger.app.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The accounts of the embedded default (DESIGN.md §6): {@code ledger.security.accounts[n].username},
 * {@code .password} (Spring Security's {@code {id}encoded} form, e.g. {@code {bcrypt}$2a$10$…}),
 * {@code .roles} (ADMIN, SUPERVISOR, UNIT_LEAD, AUDITOR, VIEWER) and {@code .unit}.
 */
@ConfigurationProperties("ledger.security")
public class LedgerSecurityProperties {

    private List<Account> accounts = new ArrayList<>();

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
}
