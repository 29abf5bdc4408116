package org.ledger.query.support;

import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes a JPA projection's changes after each event and forgets the entities, so that the next event of the batch
 * starts with an empty persistence context.
 *
 * <p>A batch of a tracking processor is one transaction and so one persistence context. Every query a handler runs
 * (find the current row of an item, count an issue's items) makes Hibernate check every entity loaded so far in
 * the batch for changes first (auto-flush): a batch of n events paid for n² checks. During a rebuild, where every
 * batch is full, the benchmark's profile (issue 9) found a fifth of the projections' CPU in those checks. The
 * statements written are the same ones, one event earlier; the batch still commits or rolls back as a whole.
 */
final class FlushEachEvent implements MessageHandlerInterceptor<EventMessage<?>> {

    private final EntityManager entityManager;

    /** @param entityManager the shared, transaction-bound entity manager */
    FlushEachEvent(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        Object result = interceptorChain.proceed();
        entityManager.flush();
        entityManager.clear();
        return result;
    }
}
