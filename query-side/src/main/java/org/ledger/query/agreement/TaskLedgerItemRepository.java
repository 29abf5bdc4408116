package org.ledger.query.agreement;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The task ledger's note of item facts. */
interface TaskLedgerItemRepository extends JpaRepository<TaskLedgerItem, String> {

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table task_ledger_item", nativeQuery = true)
    void deleteAllNotes();
}
