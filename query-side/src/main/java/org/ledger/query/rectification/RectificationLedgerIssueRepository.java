package org.ledger.query.rectification;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RectificationLedgerIssueRepository extends JpaRepository<RectificationLedgerIssue, String> {

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from RectificationLedgerIssue")
    void deleteAllIssues();
}
