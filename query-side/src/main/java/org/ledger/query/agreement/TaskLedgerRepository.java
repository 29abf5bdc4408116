package org.ledger.query.agreement;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The versions of the task ledger's rows. Reads select versions with {@code Validity}. */
public interface TaskLedgerRepository extends JpaRepository<TaskLedgerRow, Long>,
        JpaSpecificationExecutor<TaskLedgerRow> {

    Optional<TaskLedgerRow> findByAgreementIdAndTaskIdAndValidToIsNull(String agreementId, String taskId);

    boolean existsByAgreementIdAndTaskId(String agreementId, String taskId);

    List<TaskLedgerRow> findByAgreementIdAndItemIdAndValidToIsNull(String agreementId, String itemId);

    List<TaskLedgerRow> findByAgreementIdAndValidToIsNull(String agreementId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table task_ledger", nativeQuery = true)
    void deleteAllVersions();
}
