package org.ledger.query.agreement;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The task ledger's note of agreement facts. */
interface TaskLedgerAgreementRepository extends JpaRepository<TaskLedgerAgreement, String> {

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table task_ledger_agreement", nativeQuery = true)
    void deleteAllNotes();
}
