package org.ledger.query.issue;

import org.ledger.query.support.HeldBackVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The issue ledger's table as its projection uses it, by plain JDBC: the current versions it reads and the versions
 * it writes, held back until their transaction commits ({@link HeldBackVersions} says why and when).
 */
@Component
public class IssueLedgerTable extends HeldBackVersions<IssueLedgerRow> {

    IssueLedgerTable(JdbcTemplate jdbc) {
        super(jdbc, "issue_ledger", IssueLedgerRow.COLUMNS, IssueLedgerRow::bind,
                (row, number) -> IssueLedgerRow.read(row));
    }
}
