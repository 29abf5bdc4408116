package org.ledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a projection's transaction keeps of the versions it wrote: they answer in place of the query for the rest of
 * that transaction only — not after it committed or rolled back, not inside a nested transaction of its own, not
 * outside any transaction — and not once superseded in memory or forgotten by a reset.
 */
class CurrentVersionsTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00Z");

    private final Transactions manager = new Transactions();
    private final TransactionTemplate transaction = new TransactionTemplate(manager);
    private final TransactionTemplate nested = new TransactionTemplate(manager,
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
    private final CurrentVersions<Version> current = new CurrentVersions<>();
    private final List<String> queried = new ArrayList<>();
    private final Version stored = new Version(3);

    /** The query a projection would run: counts its calls and finds {@link #stored}. */
    private final Function<String, Optional<Version>> query = id -> {
        queried.add(id);
        return Optional.of(stored);
    };

    @Test
    void aVersionWrittenInTheTransactionAnswersInsteadOfTheQuery() {
        Version written = new Version(4);
        transaction.executeWithoutResult(status -> {
            assertThat(current.find("r-1", query)).containsSame(stored);
            current.remember("r-1", written);
            assertThat(current.find("r-1", query)).containsSame(written);
            assertThat(current.find("r-1", query)).containsSame(written);
        });
        assertThat(queried).containsExactly("r-1");
    }

    @Test
    void whatWasFoundByTheQueryIsKeptToo() {
        transaction.executeWithoutResult(status -> {
            current.find("r-1", query);
            current.find("r-1", query);
        });
        assertThat(queried).containsExactly("r-1");
    }

    @Test
    void nothingIsKeptPastTheTransactionCommittedOrRolledBack() {
        transaction.executeWithoutResult(status -> current.remember("r-1", new Version(4)));
        Optional<Version> afterCommit = transaction.execute(status -> current.find("r-1", query));
        assertThat(afterCommit).containsSame(stored);

        transaction.executeWithoutResult(status -> {
            current.remember("r-1", new Version(5));
            status.setRollbackOnly();
        });
        Optional<Version> afterRollback = transaction.execute(status -> current.find("r-1", query));
        assertThat(afterRollback).containsSame(stored);
        assertThat(queried).containsExactly("r-1", "r-1");
    }

    @Test
    void aNestedTransactionKeepsItsOwnAndTheOuterOneGetsItsBack() {
        Version outer = new Version(4);
        Version inner = new Version(5);
        transaction.executeWithoutResult(status -> {
            current.remember("r-1", outer);
            nested.executeWithoutResult(innerStatus -> {
                assertThat(current.find("r-1", query)).containsSame(stored);
                current.remember("r-1", inner);
                assertThat(current.find("r-1", query)).containsSame(inner);
            });
            assertThat(current.find("r-1", query)).containsSame(outer);
        });
        assertThat(queried).containsExactly("r-1");
    }

    @Test
    void outsideATransactionEveryFindQueries() {
        current.remember("r-1", new Version(4));
        assertThat(current.find("r-1", query)).containsSame(stored);
        assertThat(current.find("r-1", query)).containsSame(stored);
        assertThat(queried).hasSize(2);
    }

    @Test
    void aVersionSupersededInMemoryOrForgottenIsNotAnswered() {
        transaction.executeWithoutResult(status -> {
            Version written = new Version(4);
            current.remember("r-1", written);
            written.supersede(T0);
            assertThat(current.find("r-1", query)).containsSame(stored);

            current.remember("r-2", new Version(4));
            current.forgetAll();
            assertThat(current.find("r-2", query)).containsSame(stored);
        });
        assertThat(queried).containsExactly("r-1", "r-2");
    }

    /** A version of some ledger entry; only its bookkeeping matters here. */
    static final class Version extends LedgerVersion {
        Version(long version) {
            super(version, T0);
        }
    }

    /**
     * Transactions without a resource behind them, with Spring's synchronization and suspension: what a projection's
     * transaction offers {@link CurrentVersions}.
     */
    static final class Transactions extends AbstractPlatformTransactionManager {

        private final Deque<Object> open = new ArrayDeque<>();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected boolean isExistingTransaction(Object transaction) {
            return !open.isEmpty();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            open.push(transaction);
        }

        @Override
        protected Object doSuspend(Object transaction) {
            return open.pop();
        }

        @Override
        protected void doResume(Object transaction, Object suspended) {
            open.push(suspended);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            open.pop();
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            open.pop();
        }
    }
}
