package org.ledger.command.support;

/**
 * What the command side needs to know about the request it serves. The app module implements it from
 * the security context and the HTTP request, so that the command side depends on neither.
 */
public interface RequestContext {

    /** The authenticated actor of the current request. */
    Actor actor();

    /** The correlation id of the current request: the client's {@code X-Correlation-Id} or a fresh one. */
    String correlationId();
}
