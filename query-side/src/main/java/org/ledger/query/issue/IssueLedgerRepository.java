package org.ledger.query.issue;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * The versions of the issue ledger's rows, as the queries read them. Reads select versions with
 * {@link org.ledger.query.support.Validity}. The projection reads and writes the table by plain JDBC
 * ({@link IssueLedgerTable}).
 */
public interface IssueLedgerRepository extends JpaRepository<IssueLedgerRow, Long>,
        JpaSpecificationExecutor<IssueLedgerRow> {

    /** Every version of an issue's row, oldest first. */
    List<IssueLedgerRow> findByIssueIdOrderByValidFromAscRowIdAsc(String issueId);
}
