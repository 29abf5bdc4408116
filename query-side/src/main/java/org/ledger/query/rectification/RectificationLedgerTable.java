package org.ledger.query.rectification;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ledger.query.support.TransactionBound;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rectification ledger's table as its projection uses it, by plain JDBC: the current versions it reads and the
 * versions it writes, held back until their transaction commits.
 *
 * <p>Why: every event of an item ends its current version and adds the next. Through JPA that was a query building
 * an entity, Hibernate's insert of 35 columns, and an {@code UPDATE} of the old version's {@code valid_to}, which six
 * of the table's indexes hold, so the update rewrote an entry in each. In a replay a transaction holds many events of
 * the same item one after the other, so most versions are ended by the same transaction that adds them. Held back,
 * such a version is inserted once, with its end of validity already set, and the inserts go to the database as JDBC
 * batches; only a version stored before the transaction began is ended by an {@code UPDATE} of its row id. The rows
 * are read into the same class the JPA reads use ({@link RectificationLedgerRow#read}), never managed by JPA, so no
 * persistence context holds a copy that an update by row id would leave stale.
 *
 * <p>When they are written: before the transaction commits (Spring's {@code beforeCommit}), so a failed insert still
 * rolls the transaction back with the token (a dead-lettered projection's retry runs each event in a transaction of
 * its own: then the insert fails inside that event's handler and dead-letters it); and before any other read of the
 * table in the same transaction ({@link #writeHeldBack}): the lookup of an issue's rows, and a reader in the writer's
 * transaction (the tests run the projection and the queries in one). Rows get their ids when they are written, in the
 * order they were added — the order of the events, as {@code RememberedIds} needs — and each version learns its id,
 * so that a version written early is ended by its row id like any stored one. Outside a transaction nothing is held
 * back.
 */
@Component
public class RectificationLedgerTable {

    private static final String INSERT = "insert into rectification_ledger (" + RectificationLedgerRow.COLUMNS
            + ") values (" + String.join(", ", Collections.nCopies(RectificationLedgerRow.COLUMNS.split(",").length,
            "?")) + ")";
    /** Inserts per JDBC batch. */
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionBound<HeldBack> heldBack = new TransactionBound<>(HeldBack::new, this::insert);

    RectificationLedgerTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The versions of this transaction not written yet, in the order they were added. */
    private static final class HeldBack {
        private final List<RectificationLedgerRow> rows = new ArrayList<>();
        private final Set<RectificationLedgerRow> members = Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * The current version of an item's row as stored. Asked only for an item whose current version the transaction
     * does not keep (CurrentVersions), so none of the item's versions is held back.
     */
    Optional<RectificationLedgerRow> current(String rectificationId) {
        return jdbc.query("select * from rectification_ledger where id = ? and valid_to is null",
                (row, number) -> RectificationLedgerRow.read(row), rectificationId).stream().findFirst();
    }

    /** The current versions of the rows of an issue's items, with what this transaction holds back written first. */
    List<RectificationLedgerRow> currentOfIssue(String issueId) {
        writeHeldBack();
        return jdbc.query("select * from rectification_ledger where issue_id = ? and valid_to is null",
                (row, number) -> RectificationLedgerRow.read(row), issueId);
    }

    /** Adds a new version of a row: written at the latest when the transaction commits. */
    void add(RectificationLedgerRow version) {
        HeldBack held = heldBack.get();
        if (held == null) {
            insert(List.of(version));
            return;
        }
        held.rows.add(version);
        held.members.add(version);
    }

    /**
     * Ends a version's validity at {@code at}: a version this transaction holds back gets its end before it is
     * written; a stored one is updated by its row id.
     */
    void supersede(RectificationLedgerRow version, Instant at) {
        HeldBack held = heldBack.peek();
        if (held != null && held.members.contains(version)) {
            version.supersede(at);
            return;
        }
        if (version.getRowId() == null) {
            throw new IllegalStateException("Version " + version.getVersion() + " of rectification item "
                    + version.getRectificationId() + " was never added; it cannot be superseded");
        }
        jdbc.update("update rectification_ledger set valid_to = ? where row_id = ?",
                new Object[] {at.atOffset(ZoneOffset.UTC), version.getRowId()},
                new int[] {Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
        version.supersede(at);
    }

    /** Writes what this transaction holds back now, so that a query of the table sees it. */
    void writeHeldBack() {
        HeldBack held = heldBack.peek();
        if (held != null && !held.rows.isEmpty()) {
            insert(held);
        }
    }

    /** Empties the table, and drops what this transaction holds back (a reset). */
    void truncate() {
        HeldBack held = heldBack.peek();
        if (held != null) {
            held.rows.clear();
            held.members.clear();
        }
        jdbc.update("truncate table rectification_ledger"); // not DELETE: ProjectionStatus explains why
    }

    private void insert(HeldBack held) {
        insert(held.rows);
        held.rows.clear();
        held.members.clear();
    }

    /** Inserts the rows in order, in batches, and gives each the row id the database generated for it. */
    private void insert(List<RectificationLedgerRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"row_id"})) {
                for (int from = 0; from < rows.size(); from += BATCH) {
                    List<RectificationLedgerRow> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
                    for (RectificationLedgerRow row : batch) {
                        row.bind(insert);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        for (RectificationLedgerRow row : batch) {
                            if (!keys.next()) {
                                throw new IllegalStateException("The database returned fewer row ids than rows");
                            }
                            row.stored(keys.getLong(1));
                        }
                    }
                }
            }
            return null;
        });
    }
}
