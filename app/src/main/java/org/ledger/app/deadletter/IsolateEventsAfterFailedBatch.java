package org.ledger.app.deadletter;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Lets a dead-lettered projection's batch run in one transaction, and retries a batch that failed with a transaction
 * per event, so that the failing event can be dead-lettered while the rest of its batch goes on.
 *
 * <p>Why the per-event transactions at all: Axon stores a dead letter in the event processor's batch transaction,
 * together with the tracking token (the token must move past the event only if the letter is stored). But a
 * projection that fails in JPA dooms that transaction: Hibernate marks it rollback-only when it converts the
 * database's error (a savepoint cannot undo that mark), and PostgreSQL refuses every further statement of a
 * transaction after an error. The batch rolls back, letter and token with it, and the processor would retry the same
 * event for ever: the ledger would stop for everyone, the opposite of what the dead-letter queue is for. In a
 * transaction of its own the handler's failure rolls back only its own writes; the batch stores the letter and moves
 * on.
 *
 * <p>Why only after a failure: a transaction per event and projection doubled the commits of live processing and
 * made a rebuild three times slower (the benchmark, issue 9: 263 against 775 events/s without them). Failures are
 * rare, so a processor thread runs its batches in the batch's transaction until one rolls back; the processor then
 * retries that batch from its stored token (after Axon's back-off, a second), and this thread runs it, and only it,
 * with a transaction per event. Its first commit switches the thread back. Nothing of the failed attempt remains: its
 * writes, letters and token rolled back together.
 *
 * <p>The price of an isolated batch: a second pooled connection per processor thread while a handler runs
 * (application.yml sizes the pool for it). A handler that committed before its batch did is harmless if the batch
 * then fails: the projections skip an event whose aggregate sequence number a row has already seen. Handlers called
 * outside a processor's batch (an admin's retry of dead letters) always run in their own transaction, as before, so
 * that a failing retry is requeued. Reset handlers are left alone: clearing the tables belongs to the reset's own
 * transaction. A handler's group is read from its class's {@code @ProcessingGroup}, which every projection has.
 */
class IsolateEventsAfterFailedBatch implements HandlerEnhancerDefinition {

    private static final TransactionDefinition OWN_TRANSACTION =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    /** Resource key that marks a batch whose outcome this thread already watches. */
    private static final String WATCHED = IsolateEventsAfterFailedBatch.class.getName() + ".watched";

    private final DeadLetteredGroups groups;
    /** Looked up lazily: Axon builds its handler enhancers before the transaction manager exists. */
    private final ObjectProvider<PlatformTransactionManager> transactions;
    /** The looked-up manager, kept: a bean lookup per handled event cost ~1 % of the CPU under load (issue 9). */
    private volatile PlatformTransactionManager manager;
    /**
     * Whether this processor thread's current batch runs with a transaction per event: set when one of its batches
     * rolled back, cleared when one commits. A tracking processor retries a failed segment on the same thread.
     */
    private final ThreadLocal<Boolean> isolating = ThreadLocal.withInitial(() -> false);

    IsolateEventsAfterFailedBatch(DeadLetteredGroups groups, ObjectProvider<PlatformTransactionManager> transactions) {
        this.groups = groups;
        this.transactions = transactions;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)
                || original.hasAnnotation(ResetHandler.class)
                || !groups.contains(processingGroup(original))) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                UnitOfWork<?> batch = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
                if (batch instanceof BatchingUnitOfWork<?>) {
                    watch(batch);
                    if (!isolating.get()) {
                        return super.handle(message, target);
                    }
                }
                return inOwnTransaction(() -> super.handle(message, target));
            }
        };
    }

    /** Once per batch: a rollback makes this thread isolate events, a commit makes it stop. */
    private void watch(UnitOfWork<?> batch) {
        if (batch.resources().putIfAbsent(WATCHED, Boolean.TRUE) == null) {
            batch.onRollback(rolledBack -> isolating.set(true));
            batch.afterCommit(committed -> isolating.set(false));
        }
    }

    private Object inOwnTransaction(Handling handling) throws Exception {
        PlatformTransactionManager transactionManager = transactionManager();
        TransactionStatus status = transactionManager.getTransaction(OWN_TRANSACTION);
        Object result;
        try {
            result = handling.handle();
        } catch (Exception | Error e) {
            transactionManager.rollback(status);
            throw e;
        }
        // A constraint that only fails at flush fails here, still inside the handler: dead-lettered too.
        transactionManager.commit(status);
        return result;
    }

    /** The wrapped handler's call, which may throw what the handler throws. */
    private interface Handling {
        Object handle() throws Exception;
    }

    private PlatformTransactionManager transactionManager() {
        PlatformTransactionManager known = manager;
        if (known == null) {
            known = transactions.getObject();
            manager = known;
        }
        return known;
    }

    private static String processingGroup(MessageHandlingMember<?> member) {
        Class<?> declaring;
        try {
            declaring = member.declaringClass();
        } catch (RuntimeException notAMethod) {
            return null;
        }
        ProcessingGroup group = AnnotationUtils.findAnnotation(declaring, ProcessingGroup.class);
        return group == null ? null : group.value();
    }
}
