package org.ledger.query.statistics;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The versions of the statistics' issue facts. */
public interface StatisticsIssueFactRepository extends JpaRepository<StatisticsIssueFact, Long> {

    /** The current version of an issue's facts. */
    @Query("select f from StatisticsIssueFact f where f.issueId = ?1 and f.validTo is null")
    Optional<StatisticsIssueFact> findByIssueIdAndValidToIsNull(String issueId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table statistics_issue", nativeQuery = true)
    void deleteAllVersions();
}
