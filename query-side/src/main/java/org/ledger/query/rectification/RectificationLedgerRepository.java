package org.ledger.query.rectification;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The versions of the rectification ledger's rows. Reads select versions with {@link org.ledger.query.support.Validity}. */
public interface RectificationLedgerRepository extends JpaRepository<RectificationLedgerRow, Long>,
        JpaSpecificationExecutor<RectificationLedgerRow> {

    /** The current version of an item's row. */
    Optional<RectificationLedgerRow> findByRectificationIdAndValidToIsNull(String rectificationId);

    /** The current versions of the rows of an issue's items. */
    List<RectificationLedgerRow> findByIssueIdAndValidToIsNull(String issueId);

    /** Every version of an item's row, oldest first. */
    List<RectificationLedgerRow> findByRectificationIdOrderByValidFromAscRowIdAsc(String rectificationId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from RectificationLedgerRow")
    void deleteAllVersions();
}
