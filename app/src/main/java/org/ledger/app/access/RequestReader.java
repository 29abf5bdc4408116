package org.ledger.app.access;

import org.ledger.command.support.Actor;
import org.ledger.command.support.RequestContext;
import org.ledger.query.access.CurrentReader;
import org.ledger.query.access.Reader;
import org.springframework.stereotype.Component;

/**
 * The query side's reader is the same person the command side stamps on commands: whatever authentication
 * scheme produced the request's principal (accounts from configuration, JWTs), {@link RequestContext} turns it
 * into user, unit and roles once, and reads and writes are scoped from the same answer.
 */
@Component
class RequestReader implements CurrentReader {

    private final RequestContext requestContext;

    RequestReader(RequestContext requestContext) {
        this.requestContext = requestContext;
    }

    @Override
    public Reader reader() {
        Actor actor = requestContext.actor();
        return new Reader(actor.user(), actor.unit(), actor.roles());
    }
}
