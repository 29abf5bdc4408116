package org.ledger.query.support;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A ledger table's versions as its projection reads and writes them by plain JDBC, the versions it adds held back
 * until their transaction commits.
 *
 * <p>Why: every event of an entry ends the entry's current version and adds the next. Through JPA that was a query
 * building an entity, Hibernate's insert, and an {@code UPDATE} of the old version's {@code valid_to}, a column most
 * of a ledger table's indexes hold, so the update rewrote an entry in each. A replay's transaction holds several
 * events of one entry after another, so most versions are ended by the transaction that added them. Held back, such a
 * version is inserted once, with its end of validity already set, and the inserts go to the database as JDBC batches;
 * only a version stored before the transaction began is ended by an {@code UPDATE} of its row id. Rows are read into
 * the projection's version class, never managed by JPA, so no persistence context holds a copy that an update by row
 * id would leave stale.
 *
 * <p>When they are written: before the transaction commits (Spring's {@code beforeCommit}), so a failed insert still
 * rolls the transaction back with the token (a dead-lettered projection's retry runs each event in a transaction of
 * its own: then the insert fails inside that event's handler and dead-letters it); and before any other read of the
 * table in the same transaction ({@link #writeHeldBack}), which is JPA's auto-flush by hand: the projection's lookups
 * across entries, and a reader in the writer's transaction (the tests run the projection and the queries in one).
 * Rows get their ids when they are written, in the order they were added — the order of the events, as
 * {@link RememberedIds} needs — and each version learns its id ({@link LedgerVersion#stored}), so that a version
 * written early is ended by its row id like any stored one. Outside a transaction nothing is held back.
 *
 * <p>Each ledger table that works this way is a bean extending this class (one instance per table: the queries of
 * the table write what their transaction holds back before they read), with its projection's lookups by name.
 *
 * @param <V> the projection's version class
 */
public class HeldBackVersions<V extends LedgerVersion> {

    /** Binds a version's columns, in the order of the table's column list, to an insert. */
    @FunctionalInterface
    public interface Binder<V> {
        void bind(V version, PreparedStatement insert) throws SQLException;
    }

    /** Inserts per JDBC batch. */
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final String table;
    private final String insertSql;
    private final Binder<V> binder;
    private final RowMapper<V> reader;
    private final TransactionBound<HeldBack<V>> heldBack = new TransactionBound<>(HeldBack::new, this::insert);

    /**
     * @param columns every column of {@code table} but the generated {@code row_id}, in the order {@code binder}
     *                binds them
     * @param reader  a version from a row of {@code select *}
     */
    protected HeldBackVersions(JdbcTemplate jdbc, String table, String columns, Binder<V> binder,
                               RowMapper<V> reader) {
        this.jdbc = jdbc;
        this.table = table;
        this.insertSql = "insert into " + table + " (" + columns + ") values ("
                + String.join(", ", Collections.nCopies(columns.split(",").length, "?")) + ")";
        this.binder = binder;
        this.reader = reader;
    }

    /** The versions of a transaction not written yet, in the order they were added. */
    private static final class HeldBack<V> {
        private final List<V> rows = new ArrayList<>();
        private final Set<V> members = Collections.newSetFromMap(new IdentityHashMap<>());

        void clear() {
            rows.clear();
            members.clear();
        }
    }

    /**
     * The current version of entry {@code id} (the table's {@code id} column) as stored. Asked only for an entry whose
     * current version the transaction does not keep ({@link CurrentVersions}), so none of its versions is held back.
     */
    public Optional<V> current(String id) {
        return storedCurrentWhere("id", id).stream().findFirst();
    }

    /**
     * The stored current versions whose {@code column} is {@code value}, without writing what is held back first:
     * only for an entry none of whose versions the transaction holds back (one whose current version the projection
     * does not keep, {@link CurrentVersions}), so that looking up each new entry of a batch does not send the batch's
     * rows one lookup at a time.
     */
    protected List<V> storedCurrentWhere(String column, Object value) {
        return jdbc.query("select * from " + table + " where " + column + " = ? and valid_to is null", reader, value);
    }

    /** The current versions whose {@code column} is {@code value}, with what this transaction holds back first. */
    protected List<V> currentWhere(String column, Object value) {
        writeHeldBack();
        return storedCurrentWhere(column, value);
    }

    /** Adds a new version: written at the latest when the transaction commits. */
    public void add(V version) {
        HeldBack<V> held = heldBack.get();
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
    public void supersede(V version, Instant at) {
        HeldBack<V> held = heldBack.peek();
        if (held == null || !held.members.contains(version)) {
            if (version.getRowId() == null) {
                throw new IllegalStateException("Version " + version.getVersion() + " of a row of " + table
                        + " was never added; it cannot be superseded");
            }
            jdbc.update("update " + table + " set valid_to = ? where row_id = ?",
                    new Object[] {at.atOffset(ZoneOffset.UTC), version.getRowId()},
                    new int[] {Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
        }
        version.supersede(at);
    }

    /** Writes what this transaction holds back now, so that a query of the table sees it. */
    public void writeHeldBack() {
        HeldBack<V> held = heldBack.peek();
        if (held != null && !held.rows.isEmpty()) {
            insert(held);
        }
    }

    /** Empties the table, and drops what this transaction holds back (a reset). */
    public void truncate() {
        HeldBack<V> held = heldBack.peek();
        if (held != null) {
            held.clear();
        }
        jdbc.update("truncate table " + table); // not DELETE: ProjectionStatus explains why
    }

    private void insert(HeldBack<V> held) {
        insert(held.rows);
        held.clear();
    }

    /** Inserts the rows in order, in batches, and gives each the row id the database generated for it. */
    private void insert(List<V> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insertSql, new String[] {"row_id"})) {
                for (int from = 0; from < rows.size(); from += BATCH) {
                    List<V> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
                    for (V row : batch) {
                        binder.bind(row, statement);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    try (ResultSet keys = statement.getGeneratedKeys()) {
                        for (V row : batch) {
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
