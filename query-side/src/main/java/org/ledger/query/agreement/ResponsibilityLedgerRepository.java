package org.ledger.query.agreement;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The versions of the responsibility ledger's item rows. Reads select versions with {@code Validity}. */
public interface ResponsibilityLedgerRepository extends JpaRepository<ResponsibilityLedgerRow, Long>,
        JpaSpecificationExecutor<ResponsibilityLedgerRow> {

    /** The current versions of an agreement's item rows, in the order the items were added. */
    List<ResponsibilityLedgerRow> findByAgreementIdAndValidToIsNullOrderByAddedAtAscItemIdAsc(String agreementId);

    Optional<ResponsibilityLedgerRow> findByAgreementIdAndItemIdAndValidToIsNull(String agreementId, String itemId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table responsibility_ledger", nativeQuery = true)
    void deleteAllVersions();
}
