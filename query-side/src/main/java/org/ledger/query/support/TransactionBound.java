package org.ledger.query.support;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current transaction: made on first use inside it, set aside while a nested
 * transaction of its own runs (a dead-lettered projection retries a failed batch with a transaction per event), and
 * dropped when it completes, committed or rolled back. What a projection keeps here therefore never outlives the
 * writes it describes. Outside a transaction there is none.
 *
 * @param <T> the kept value
 */
public final class TransactionBound<T> {

    /** This instance's resource key: each holder's values are apart from every other's. */
    private final Object key = new Object();
    private final Supplier<T> create;
    private final Consumer<T> beforeCommit;

    public TransactionBound(Supplier<T> create) {
        this(create, value -> { });
    }

    /**
     * @param beforeCommit given the value when its transaction is about to commit (not when it rolls back), while
     *                     it can still write: what it throws rolls the transaction back
     */
    public TransactionBound(Supplier<T> create, Consumer<T> beforeCommit) {
        this.create = create;
        this.beforeCommit = beforeCommit;
    }

    /** The current transaction's value if it has made one; null otherwise, and outside a transaction. */
    @SuppressWarnings("unchecked")
    public T peek() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        return (T) TransactionSynchronizationManager.getResource(key);
    }

    /** The current transaction's value, made now if this is its first use; null outside a transaction. */
    @SuppressWarnings("unchecked")
    public T get() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        T known = (T) TransactionSynchronizationManager.getResource(key);
        if (known == null) {
            T created = create.get();
            TransactionSynchronizationManager.bindResource(key, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResource(key);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(key, created);
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    beforeCommit.accept(created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            known = created;
        }
        return known;
    }
}
