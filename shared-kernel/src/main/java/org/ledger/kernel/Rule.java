package org.ledger.kernel;

/**
 * A named business rule. Each aggregate lists its rules in an enum implementing this interface, so that
 * a refused command names the rule it broke (the 409 problem detail carries {@link #name()}) and says it
 * in words ({@link #description()}).
 */
public interface Rule {

    /** The rule's name, e.g. {@code VerifierMustNotBeRequester}. */
    String name();

    /** The rule in words, e.g. "the verifier of a closure must not be the person who requested it". */
    String description();
}
