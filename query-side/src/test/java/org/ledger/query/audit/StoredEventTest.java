package org.ledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The canonical form covers every column and cannot be confused by moving bytes between columns. */
class StoredEventTest {

    private static StoredEvent event(String aggregate, String type, String payload) {
        return new StoredEvent(7, "e-1", aggregate, 2, type, "2025-06-30T08:00:00Z",
                "org.ledger.kernel.issue.IssueEvents$IssueAcknowledged", "1",
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyColumnChangesTheHash() {
        String hash = event("issue-1", "Issue", "{\"a\":1}").eventHash();
        assertThat(event("issue-1", "Issue", "{\"a\":2}").eventHash()).isNotEqualTo(hash);
        assertThat(event("issue-2", "Issue", "{\"a\":1}").eventHash()).isNotEqualTo(hash);
        assertThat(event("issue-1", "Issu", "{\"a\":1}").eventHash()).isNotEqualTo(hash);
        assertThat(event("issue-1", "Issue", "{\"a\":1}").eventHash()).isEqualTo(hash);
    }

    @Test
    void lengthPrefixesKeepColumnsApart() {
        assertThat(event("ab", "c", "{}").eventHash()).isNotEqualTo(event("a", "bc", "{}").eventHash());
    }

    @Test
    void theChainDependsOnThePreviousLink() {
        String eventHash = event("issue-1", "Issue", "{}").eventHash();
        String first = StoredEvent.chain(null, eventHash);
        assertThat(first).hasSize(64);
        assertThat(StoredEvent.chain(first, eventHash)).isNotEqualTo(first);
        assertThat(StoredEvent.chain(null, eventHash)).isEqualTo(first);
    }
}
