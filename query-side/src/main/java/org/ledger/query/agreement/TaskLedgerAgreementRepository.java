package org.ledger.query.agreement;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The task ledger's note of agreement facts. */
interface TaskLedgerAgreementRepository extends JpaRepository<TaskLedgerAgreement, String> {

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from TaskLedgerAgreement")
    void deleteAllNotes();
}
