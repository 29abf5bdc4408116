package org.ledger.app.deadletter;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Runs each event handler of a dead-lettered projection in a transaction of its own, so that a failing event can be
 * dead-lettered while the rest of its batch goes on.
 *
 * <p>Why: Axon stores a dead letter in the event processor's batch transaction, together with the tracking token
 * (the token must move past the event only if the letter is stored). But a projection that fails in JPA dooms that
 * transaction: Hibernate marks it rollback-only when it converts the database's error (a savepoint cannot undo that
 * mark), and PostgreSQL refuses every further statement of a transaction after an error. The batch would roll back,
 * letter and token with it, and the processor would retry the same event for ever: the ledger would stop for
 * everyone, the opposite of what the dead-letter queue is for. In a transaction of its own the handler's failure
 * rolls back only its own writes; the batch stores the letter and moves on.
 *
 * <p>The price: one commit per event instead of one per batch for these projections (a rebuild commits more often),
 * and a second pooled connection per processor thread while a handler runs (application.yml sizes the pool for it).
 * A handler that committed before its batch did is harmless if the batch then fails: the projections skip an event
 * whose aggregate sequence number a row has already seen. Reset handlers are left alone: clearing the tables belongs
 * to the reset's own transaction. A handler's group is read from its class's {@code @ProcessingGroup}, which every
 * projection has.
 */
class OwnTransactionPerEvent implements HandlerEnhancerDefinition {

    private static final TransactionDefinition OWN_TRANSACTION =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

    private final DeadLetteredGroups groups;
    /** Looked up lazily: Axon builds its handler enhancers before the transaction manager exists. */
    private final ObjectProvider<PlatformTransactionManager> transactions;
    /** The looked-up manager, kept: a bean lookup per handled event cost ~1 % of the CPU under load (issue 9). */
    private volatile PlatformTransactionManager manager;

    OwnTransactionPerEvent(DeadLetteredGroups groups, ObjectProvider<PlatformTransactionManager> transactions) {
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
                PlatformTransactionManager manager = transactionManager();
                TransactionStatus status = manager.getTransaction(OWN_TRANSACTION);
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error e) {
                    manager.rollback(status);
                    throw e;
                }
                // A constraint that only fails at flush fails here, still inside the handler: dead-lettered too.
                manager.commit(status);
                return result;
            }
        };
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
