package org.ledger.query.issue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The versions of the issue ledger's rows. Reads select versions with {@link org.ledger.query.support.Validity}.
 *
 * <p>The finders the projection calls for every event are JPQL strings rather than derived from their names: Hibernate
 * caches the SQL of a string query, but translates the criteria query Spring Data derives from a name anew on every
 * call (about half of these finders' CPU in the benchmark's profile, issue 9).
 */
public interface IssueLedgerRepository extends JpaRepository<IssueLedgerRow, Long>,
        JpaSpecificationExecutor<IssueLedgerRow> {

    /** The current version of an issue's row. */
    @Query("select r from IssueLedgerRow r where r.issueId = ?1 and r.validTo is null")
    Optional<IssueLedgerRow> findByIssueIdAndValidToIsNull(String issueId);

    /**
     * Ends version {@code rowId}'s validity at {@code at} without loading it: the projection has the version in
     * hand ({@link org.ledger.query.support.CurrentVersions}). Pending changes are flushed first and the persistence
     * context is cleared after, so that no managed copy of the version keeps the validity it had.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // SQL, not JPQL: Hibernate translates a JPQL update anew on every execution.
    @Query(value = "update issue_ledger set valid_to = ?2 where row_id = ?1", nativeQuery = true)
    void supersede(long rowId, Instant at);

    /** Every version of an issue's row, oldest first. */
    List<IssueLedgerRow> findByIssueIdOrderByValidFromAscRowIdAsc(String issueId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table issue_ledger", nativeQuery = true)
    void deleteAllVersions();
}
