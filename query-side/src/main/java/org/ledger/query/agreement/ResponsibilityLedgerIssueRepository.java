package org.ledger.query.agreement;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ResponsibilityLedgerIssueRepository extends JpaRepository<ResponsibilityLedgerIssue, String> {

    int countByAgreementIdAndItemIdAndState(String agreementId, String itemId, String state);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table responsibility_ledger_issue", nativeQuery = true)
    void deleteAllIssues();
}
