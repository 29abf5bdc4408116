package org.ledger.query.rectification;

import java.util.List;
import org.ledger.query.support.HeldBackVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rectification ledger's table as its projection uses it, by plain JDBC: the current versions it reads and the
 * versions it writes, held back until their transaction commits ({@link HeldBackVersions} says why and when).
 */
@Component
public class RectificationLedgerTable extends HeldBackVersions<RectificationLedgerRow> {

    RectificationLedgerTable(JdbcTemplate jdbc) {
        super(jdbc, "rectification_ledger", RectificationLedgerRow.COLUMNS, RectificationLedgerRow::bind,
                (row, number) -> RectificationLedgerRow.read(row));
    }

    /** The current versions of the rows of an issue's items, with what this transaction holds back written first. */
    List<RectificationLedgerRow> currentOfIssue(String issueId) {
        return currentWhere("issue_id", issueId);
    }
}
