package org.ledger.command.access;

/**
 * The actor may not send this command to this aggregate: a {@link AccessRule} refused it. Nothing was changed.
 * The app answers it as 403 with the rule's name in {@code rule}, distinct from a business rule's 409.
 */
public class AccessDenied extends RuntimeException {

    private final transient AccessRule rule;

    public AccessDenied(AccessRule rule, String detail) {
        super(rule.description() + ": " + detail);
        this.rule = rule;
    }

    public AccessRule rule() {
        return rule;
    }

    public String ruleName() {
        return rule.name();
    }
}
