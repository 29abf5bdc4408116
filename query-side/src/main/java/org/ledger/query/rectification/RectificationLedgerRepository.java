package org.ledger.query.rectification;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * The versions of the rectification ledger's rows, as the queries read them. Reads select versions with
 * {@link org.ledger.query.support.Validity}. The projection reads and writes the table by plain JDBC
 * ({@link RectificationLedgerTable}).
 */
public interface RectificationLedgerRepository extends JpaRepository<RectificationLedgerRow, Long>,
        JpaSpecificationExecutor<RectificationLedgerRow> {

    /** Every version of an item's row, oldest first. */
    List<RectificationLedgerRow> findByRectificationIdOrderByValidFromAscRowIdAsc(String rectificationId);
}
