package org.ledger.query.issue;

import org.ledger.kernel.rectification.RectificationOutcome;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface IssueLedgerItemRepository extends JpaRepository<IssueLedgerItem, String> {

    int countByIssueId(String issueId);

    int countByIssueIdAndLastOutcome(String issueId, RectificationOutcome outcome);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from IssueLedgerItem")
    void deleteAllItems();
}
