package org.ledger.query.rectification;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RectificationLedgerIssueRepository extends JpaRepository<RectificationLedgerIssue, String> {

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table rectification_ledger_issue", nativeQuery = true)
    void deleteAllIssues();
}
