package org.ledger.query.statistics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ledger.query.support.HeldBackVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The statistics' item facts as their projection uses them, by plain JDBC: the current versions it reads and the
 * versions it writes, held back until their transaction commits ({@link HeldBackVersions} says why and when).
 * A bean, so that the queries write what the current transaction holds back before they read.
 */
@Component
public class StatisticsItemTable {

    private final HeldBackVersions<StatisticsItemFact> versions;

    StatisticsItemTable(JdbcTemplate jdbc) {
        this.versions = new HeldBackVersions<>(jdbc, "statistics_item", StatisticsItemFact.COLUMNS,
                StatisticsItemFact::bind, (row, number) -> StatisticsItemFact.read(row));
    }

    /**
     * The current version of an item's facts as stored. Asked only for an item whose current version the transaction
     * does not keep (CurrentVersions), so none of the item's versions is held back.
     */
    Optional<StatisticsItemFact> current(String rectificationId) {
        return versions.currentStored("id", rectificationId).stream().findFirst();
    }

    /** The current versions of the facts of an issue's items, with what this transaction holds back written first. */
    List<StatisticsItemFact> currentOfIssue(String issueId) {
        return versions.current("issue_id", issueId);
    }

    /** Adds a new version of an item's facts: written at the latest when the transaction commits. */
    void add(StatisticsItemFact version) {
        versions.add(version);
    }

    /** Ends a version's validity at {@code at}: in memory while it is held back, else by its row id. */
    void supersede(StatisticsItemFact version, Instant at) {
        versions.supersede(version, at);
    }

    /** Writes what this transaction holds back now, so that a query of the table sees it. */
    void writeHeldBack() {
        versions.writeHeldBack();
    }

    /** Empties the table, and drops what this transaction holds back (a reset). */
    void truncate() {
        versions.truncate();
    }
}
