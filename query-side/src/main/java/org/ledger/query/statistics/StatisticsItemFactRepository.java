package org.ledger.query.statistics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The versions of the statistics' item facts. */
public interface StatisticsItemFactRepository extends JpaRepository<StatisticsItemFact, Long> {

    /** The current version of an item's facts. */
    @Query("select f from StatisticsItemFact f where f.rectificationId = ?1 and f.validTo is null")
    Optional<StatisticsItemFact> findByRectificationIdAndValidToIsNull(String rectificationId);

    /** The current versions of the facts of an issue's items. */
    @Query("select f from StatisticsItemFact f where f.issueId = ?1 and f.validTo is null")
    List<StatisticsItemFact> findByIssueIdAndValidToIsNull(String issueId);

    /**
     * Ends version {@code rowId}'s validity at {@code at} without loading it: the projection has the version in
     * hand ({@link org.ledger.query.support.CurrentVersions}). Pending changes are flushed first and the persistence
     * context is cleared after, so that no managed copy of the version keeps the validity it had (the projections
     * forget their entities after each event anyway: FlushEachEvent).
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // SQL, not JPQL: Hibernate translates a JPQL update anew on every execution.
    @Query(value = "update statistics_item set valid_to = ?2 where row_id = ?1", nativeQuery = true)
    void supersede(long rowId, Instant at);

    /** Every version of an item's facts, oldest first. */
    List<StatisticsItemFact> findByRectificationIdOrderByValidFromAscRowIdAsc(String rectificationId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table statistics_item", nativeQuery = true)
    void deleteAllVersions();
}
