package org.ledger.query.agreement;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The versions of the agreements' own facts in the responsibility ledger. */
public interface ResponsibilityLedgerAgreementRepository extends JpaRepository<ResponsibilityLedgerAgreement, Long>,
        JpaSpecificationExecutor<ResponsibilityLedgerAgreement> {

    Optional<ResponsibilityLedgerAgreement> findByAgreementIdAndValidToIsNull(String agreementId);

    boolean existsByAgreementId(String agreementId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table responsibility_ledger_agreement", nativeQuery = true)
    void deleteAllVersions();
}
