package org.ledger.query.rectification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ledger.query.support.HeldBackVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rectification ledger's table as its projection uses it, by plain JDBC: the current versions it reads and the
 * versions it writes, held back until their transaction commits ({@link HeldBackVersions} says why and when).
 * A bean, so that the queries write what the current transaction holds back before they read.
 */
@Component
public class RectificationLedgerTable {

    private final HeldBackVersions<RectificationLedgerRow> versions;

    RectificationLedgerTable(JdbcTemplate jdbc) {
        this.versions = new HeldBackVersions<>(jdbc, "rectification_ledger", RectificationLedgerRow.COLUMNS,
                RectificationLedgerRow::bind, (row, number) -> RectificationLedgerRow.read(row));
    }

    /**
     * The current version of an item's row as stored. Asked only for an item whose current version the transaction
     * does not keep (CurrentVersions), so none of the item's versions is held back.
     */
    Optional<RectificationLedgerRow> current(String rectificationId) {
        return versions.currentStored("id", rectificationId).stream().findFirst();
    }

    /** The current versions of the rows of an issue's items, with what this transaction holds back written first. */
    List<RectificationLedgerRow> currentOfIssue(String issueId) {
        return versions.current("issue_id", issueId);
    }

    /** Adds a new version of a row: written at the latest when the transaction commits. */
    void add(RectificationLedgerRow version) {
        versions.add(version);
    }

    /** Ends a version's validity at {@code at}: in memory while it is held back, else by its row id. */
    void supersede(RectificationLedgerRow version, Instant at) {
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
