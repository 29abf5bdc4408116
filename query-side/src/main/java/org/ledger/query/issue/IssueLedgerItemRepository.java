package org.ledger.query.issue;

import org.ledger.kernel.rectification.RectificationOutcome;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface IssueLedgerItemRepository extends JpaRepository<IssueLedgerItem, String> {

    @Query("select count(i) from IssueLedgerItem i where i.issueId = ?1")
    long countByIssueId(String issueId);

    @Query("select count(i) from IssueLedgerItem i where i.issueId = ?1 and i.lastOutcome = ?2")
    long countByIssueIdAndLastOutcome(String issueId, RectificationOutcome outcome);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table issue_ledger_item", nativeQuery = true)
    void deleteAllItems();
}
