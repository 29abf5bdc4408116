package org.ledger.query.access;

/**
 * The reader of the current request. The app module implements it from the security context (the same actor
 * the command side stamps on commands), so that the query side depends neither on the app nor on the kind of
 * principal an authentication scheme produces (accounts from configuration, JWTs).
 */
public interface CurrentReader {

    /** The authenticated reader; throws Spring Security's AuthenticationException when there is none. */
    Reader reader();
}
