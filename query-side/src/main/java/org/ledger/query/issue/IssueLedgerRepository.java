package org.ledger.query.issue;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The versions of the issue ledger's rows. Reads select versions with {@link org.ledger.query.support.Validity}. */
public interface IssueLedgerRepository extends JpaRepository<IssueLedgerRow, Long>,
        JpaSpecificationExecutor<IssueLedgerRow> {

    /** The current version of an issue's row. */
    Optional<IssueLedgerRow> findByIssueIdAndValidToIsNull(String issueId);

    /** Every version of an issue's row, oldest first. */
    List<IssueLedgerRow> findByIssueIdOrderByValidFromAscRowIdAsc(String issueId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from IssueLedgerRow")
    void deleteAllVersions();
}
