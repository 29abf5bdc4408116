package org.ledger.query.statistics;

import java.util.List;
import org.ledger.query.support.HeldBackVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The statistics' item facts as their projection uses them, by plain JDBC: the current versions it reads and the
 * versions it writes, held back until their transaction commits ({@link HeldBackVersions} says why and when).
 */
@Component
public class StatisticsItemTable extends HeldBackVersions<StatisticsItemFact> {

    StatisticsItemTable(JdbcTemplate jdbc) {
        super(jdbc, "statistics_item", StatisticsItemFact.COLUMNS, StatisticsItemFact::bind,
                (row, number) -> StatisticsItemFact.read(row));
    }

    /** The current versions of the facts of an issue's items, with what this transaction holds back written first. */
    List<StatisticsItemFact> currentOfIssue(String issueId) {
        return currentWhere("issue_id", issueId);
    }
}
