package org.ledger.query.issue;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface IssueLedgerItemRepository extends JpaRepository<IssueLedgerItem, String> {

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table issue_ledger_item", nativeQuery = true)
    void deleteAllItems();
}
