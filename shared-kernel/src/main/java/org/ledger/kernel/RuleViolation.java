package org.ledger.kernel;

/** A command broke a business rule; nothing was changed. */
public class RuleViolation extends RuntimeException {

    private final transient Rule rule;

    public RuleViolation(Rule rule) {
        super(rule.description());
        this.rule = rule;
    }

    public RuleViolation(Rule rule, String detail) {
        super(rule.description() + ": " + detail);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    /** The rule's name as clients see it in problem details. */
    public String ruleName() {
        return rule.name();
    }
}
