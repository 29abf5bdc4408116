package org.ledger.query.statistics;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The versions of the statistics' item facts, for the tests to read. The projection reads and writes them by plain
 * JDBC ({@link StatisticsItemTable}), the queries by JPQL.
 */
public interface StatisticsItemFactRepository extends JpaRepository<StatisticsItemFact, Long> {

    /** Every version of an item's facts, oldest first. */
    List<StatisticsItemFact> findByRectificationIdOrderByValidFromAscRowIdAsc(String rectificationId);
}
